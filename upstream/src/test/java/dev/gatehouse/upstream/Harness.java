package dev.gatehouse.upstream;

import dev.gatehouse.config.dynamic.LoadBalancerSpec;
import dev.gatehouse.config.dynamic.ServerSpec;
import dev.gatehouse.config.dynamic.ServersTransportSpec;
import dev.gatehouse.config.dynamic.ServiceSpec;
import dev.gatehouse.core.Body;
import dev.gatehouse.core.BodySubscriber;
import dev.gatehouse.core.Flow;
import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.RequestContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs exchanges against service handlers on a real event loop, as the server module would. */
final class Harness implements AutoCloseable {
    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    final Upstreams upstreams = new Upstreams(group);
    final EventLoop loop = group.next();

    /** What a test sees of a response: status, headers, body bytes and trailers, plus chunk arrivals. */
    static final class Result {
        int status;
        HttpHeaders headers;
        HttpHeaders trailers;
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final List<String> chunks = new CopyOnWriteArrayList<>();
        final CompletableFuture<Result> done = new CompletableFuture<>();
        final CompletableFuture<Result> head = new CompletableFuture<>();
        volatile Throwable error;
        volatile Flow flow;
        RequestContext ctx;

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    ServiceSet build(Map<String, ServiceSpec> services, Map<String, ServersTransportSpec> transports) {
        ServiceSet set = upstreams.build(services, transports, Path.of("."));
        upstreams.activate(set);
        return set;
    }

    static ServiceSpec lb(String... urls) {
        return new ServiceSpec(new LoadBalancerSpec(Arrays.stream(urls).map(u -> new ServerSpec(u, null, null))
                .toList(), null, null, null, null, null, null, null), null, null, null);
    }

    static HttpRequest get(String path) {
        return request(HttpMethod.GET, path, Body.empty());
    }

    static HttpRequest request(HttpMethod method, String path, Body body) {
        HttpHeaders h = new DefaultHttpHeaders();
        h.set("Host", "client.example");
        int q = path.indexOf('?');
        return new HttpRequest(method, "http", "client.example", q < 0 ? path : path.substring(0, q),
                q < 0 ? null : path.substring(q + 1), h, body, "HTTP/1.1");
    }

    Result call(HttpHandler handler, HttpRequest req) {
        return call(handler, req, r -> { });
    }

    /** Calls the handler on the loop and reads the response body as chunks arrive. */
    Result call(HttpHandler handler, HttpRequest req, Consumer<Result> onChunk) {
        return callOn(loop, handler, req, onChunk);
    }

    /** Calls the handler on the given loop of {@link #group} and reads the response body as chunks arrive. */
    Result callOn(EventLoop on, HttpHandler handler, HttpRequest req, Consumer<Result> onChunk) {
        Result res = new Result();
        on.execute(() -> {
            RequestContext ctx = new RequestContext(on, ByteBufAllocator.DEFAULT,
                    new InetSocketAddress("127.0.0.1", 40000), "web", false);
            res.ctx = ctx;
            handler.handle(ctx, req).onReady(r -> {
                res.status = r.status();
                res.headers = r.headers();
                res.head.complete(res);
                r.body().subscribe(new BodySubscriber() {
                    @Override
                    public void onStart(Flow flow) {
                        res.flow = flow;
                    }

                    @Override
                    public void onData(ByteBuf chunk) {
                        byte[] b = new byte[chunk.readableBytes()];
                        chunk.readBytes(b);
                        chunk.release();
                        res.body.writeBytes(b);
                        res.chunks.add(new String(b, StandardCharsets.UTF_8));
                        onChunk.accept(res);
                    }

                    @Override
                    public void onEnd(HttpHeaders trailers) {
                        res.trailers = trailers;
                        ctx.complete();
                        res.done.complete(res);
                    }

                    @Override
                    public void onError(Throwable cause) {
                        res.error = cause;
                        ctx.complete();
                        res.done.complete(res);
                    }
                });
            });
        });
        return res;
    }

    Result await(Result r) {
        try {
            return r.done.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("exchange did not finish", e);
        }
    }

    Result fetch(HttpHandler handler, HttpRequest req) {
        return await(call(handler, req));
    }

    @Override
    public void close() {
        upstreams.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

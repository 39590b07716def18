package dev.gatehouse.identity.forwardauth;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.DefaultEventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a middleware on a real event loop in front of a service that reads the whole request body, and reads the
 * whole response body, so every buffer is released.
 */
final class Harness implements AutoCloseable {
    /**
     * What came back.
     *
     * @param status  the status
     * @param headers the headers
     * @param body    the body text
     */
    record Reply(int status, HttpHeaders headers, String body) {
    }

    final DefaultEventLoop loop = new DefaultEventLoop();
    final HttpHeaders upstreamHeaders = new DefaultHttpHeaders();
    volatile HttpRequest seen;
    volatile String seenBody;
    volatile int calls;
    volatile RequestContext ctx;

    /**
     * A request.
     *
     * @param method the method
     * @param target path and query
     * @param body   the body
     * @param nameValues header names and values
     * @return the request
     */
    static HttpRequest request(String method, String target, Body body, String... nameValues) {
        HttpHeaders h = DefaultHttpHeadersFactory.headersFactory().withValidation(false).newHeaders();
        for (int i = 0; i < nameValues.length; i += 2) {
            h.add(nameValues[i], nameValues[i + 1]);
        }
        int q = target.indexOf('?');
        return new HttpRequest(HttpMethod.valueOf(method), "http", "example.com", q < 0 ? target
                : target.substring(0, q), q < 0 ? null : target.substring(q + 1), h, body, "HTTP/1.1");
    }

    Reply run(Middleware m, HttpRequest req) throws Exception {
        return run(m, req, false);
    }

    Reply run(Middleware m, HttpRequest req, boolean secure) throws Exception {
        RequestContext c = new RequestContext(loop, UnpooledByteBufAllocator.DEFAULT,
                new InetSocketAddress("10.0.0.1", 41234), "web", secure);
        ctx = c;
        CompletableFuture<Reply> out = new CompletableFuture<>();
        HttpHandler service = (cx, r) -> {
            calls++;
            seen = r;
            HttpResponse p = HttpResponse.pending();
            r.body().aggregate(1 << 20, (buf, err) -> {
                seenBody = err != null ? "error: " + err : buf.toString(StandardCharsets.UTF_8);
                if (buf != null) {
                    buf.release();
                }
                HttpHeaders h = new DefaultHttpHeaders().add(upstreamHeaders);
                p.complete(200, h, Body.of("backend"));
            });
            return p;
        };
        loop.execute(() -> m.handle(c, req, service).onReady(r -> r.body().aggregate(1 << 20, (buf, err) -> {
            String b = buf == null ? "" : buf.toString(StandardCharsets.UTF_8);
            if (buf != null) {
                buf.release();
            }
            out.complete(new Reply(r.status(), r.headers(), b));
        })));
        Reply reply = out.get(15, TimeUnit.SECONDS);
        loop.submit(() -> req.body().discard()).get(5, TimeUnit.SECONDS);
        return reply;
    }

    @Override
    public void close() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}

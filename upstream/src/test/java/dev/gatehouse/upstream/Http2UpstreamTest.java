package dev.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.dynamic.HealthCheckSpec;
import dev.gatehouse.config.dynamic.LoadBalancerSpec;
import dev.gatehouse.config.dynamic.ServerSpec;
import dev.gatehouse.config.dynamic.ServersTransportSpec;
import dev.gatehouse.config.dynamic.ServiceSpec;
import dev.gatehouse.core.Body;
import dev.gatehouse.core.Flow;
import dev.gatehouse.core.StandardAttributes;
import dev.gatehouse.core.StreamBody;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.FreePort;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Http2UpstreamTest {
    private final Harness h = new Harness();
    private final List<H2Backend> backends = new ArrayList<>();

    @AfterEach
    void close() {
        backends.forEach(H2Backend::close);
        h.close();
    }

    private H2Backend backend(boolean tls, long maxStreams, H2Backend.Responder r) throws Exception {
        H2Backend b = new H2Backend(h.group, tls, maxStreams, r);
        backends.add(b);
        return b;
    }

    private ServiceSet service(String url, ServersTransportSpec t) {
        ServiceSpec s = new ServiceSpec(new LoadBalancerSpec(List.of(new ServerSpec(url, null, null)), null, null,
                null, null, null, t == null ? null : "t@file", null), null, null, null);
        return h.build(Map.of("s@file", s), t == null ? Map.of() : Map.of("t@file", t));
    }

    @Test
    void h2cCarriesBodiesAndTrailersBothWays() throws Exception {
        H2Backend b = backend(false, 100, H2Backend::echo);
        ServiceSet set = service(b.url("h2c"), null);
        StreamBody body = new StreamBody(Flow.NONE, -1);
        var req = Harness.request(HttpMethod.POST, "/svc/Method?x=1", body);
        req.headers().set("te", "trailers");
        req.headers().set("connection", "keep-alive");
        h.loop.execute(() -> {
            body.push(Unpooled.copiedBuffer("hello ", StandardCharsets.UTF_8));
            body.push(Unpooled.copiedBuffer("upstream", StandardCharsets.UTF_8));
            HttpHeaders trailers = new DefaultHttpHeaders();
            trailers.set("x-checksum", "abc");
            body.end(trailers);
        });
        Harness.Result r = h.fetch(set.handler("s@file"), req);

        assertThat(r.error).isNull();
        assertThat(r.status).isEqualTo(200);
        assertThat(r.text()).isEqualTo("hello upstream");
        assertThat(r.headers.get("x-authority")).isEqualTo("client.example");
        assertThat(r.headers.get("x-scheme")).isEqualTo("http");
        assertThat(r.headers.get("x-path")).isEqualTo("/svc/Method?x=1");
        assertThat(r.headers.get("x-te")).isEqualTo("trailers");
        assertThat(r.headers.names()).noneMatch(n -> n.startsWith("x-http2-"));
        assertThat(r.trailers.get("grpc-status")).isEqualTo("0");
        assertThat(r.trailers.get("x-request-checksum")).isEqualTo("abc");
        assertThat(b.requests.getFirst().headers().contains("connection")).isFalse();
    }

    @Test
    void largeBodiesStreamUnderFlowControl() throws Exception {
        H2Backend b = backend(false, 100, H2Backend::echo);
        ServiceSet set = service(b.url("h2c"), null);
        byte[] big = new byte[3 << 20];
        Arrays.fill(big, (byte) 'x');
        Harness.Result r = h.fetch(set.handler("s@file"), Harness.request(HttpMethod.PUT, "/big", Body.of(big)));
        assertThat(r.status).isEqualTo(200);
        assertThat(r.body.size()).isEqualTo(big.length);
        assertThat(r.trailers.get("grpc-status")).isEqualTo("0");
    }

    @Test
    void pausedResponseBodyStopsTheServerAtTheStreamWindow() throws Exception {
        int total = 8 << 20;
        AtomicLong sent = new AtomicLong();
        AtomicReference<Channel> serverStream = new AtomicReference<>();
        H2Backend b = backend(false, 100, (stream, req) -> {
            stream.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")));
            Runnable pump = () -> {
                while (stream.channel().isWritable() && sent.get() < total) {
                    sent.addAndGet(16384);
                    stream.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(new byte[16384]),
                            sent.get() >= total));
                }
                stream.flush();
            };
            stream.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                    pump.run();
                }
            });
            serverStream.set(stream.channel());
            pump.run();
        });
        ServiceSet set = service(b.url("h2c"), null);
        AtomicBoolean paused = new AtomicBoolean();
        Harness.Result r = h.call(set.handler("s@file"), Harness.get("/flood"), res -> {
            if (paused.compareAndSet(false, true)) {
                res.flow.pause();
            }
        });
        Eventually.await(Duration.ofSeconds(10), "client paused, server blocked by flow control",
                () -> paused.get() && serverStream.get() != null && !serverStream.get().isWritable());
        long before = sent.get();
        assertThat(before).isLessThan(3L << 20);
        h.loop.execute(() -> r.flow.resume());
        h.await(r);
        assertThat(r.error).isNull();
        assertThat(r.body.size()).isEqualTo(total);
    }

    @Test
    void concurrentStreamsShareOneConnection() throws Exception {
        int n = 20;
        List<Runnable> held = new CopyOnWriteArrayList<>();
        // The server answers only once every request is in: all n are in flight together.
        H2Backend b = backend(false, 100, (stream, req) -> holdUntil(n, held, () -> H2Backend.echo(stream, req)));
        ServiceSet set = service(b.url("h2c"), null);
        List<Harness.Result> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            results.add(h.call(set.handler("s@file"), Harness.get("/" + i)));
        }
        for (Harness.Result r : results) {
            assertThat(h.await(r).status).isEqualTo(200);
        }
        assertThat(b.connections.get()).isEqualTo(1);
    }

    @Test
    void serverStreamLimitOpensMoreConnections() throws Exception {
        int n = 5;
        List<Runnable> held = new CopyOnWriteArrayList<>();
        H2Backend b = backend(false, 2, (stream, req) -> holdUntil(n, held, () -> H2Backend.echo(stream, req)));
        ServiceSet set = service(b.url("h2c"), null);
        List<Harness.Result> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            results.add(h.call(set.handler("s@file"), Harness.get("/" + i)));
        }
        for (Harness.Result r : results) {
            assertThat(h.await(r).status).isEqualTo(200);
        }
        assertThat(b.connections.get()).isEqualTo(3);
    }

    private static void holdUntil(int n, List<Runnable> held, Runnable answer) {
        synchronized (held) {
            held.add(answer);
            if (held.size() == n) {
                held.forEach(Runnable::run);
            }
        }
    }

    @Test
    void refusedH2cServerIs502AndMarksNotReached() {
        ServiceSet set = service("h2c://127.0.0.1:" + FreePort.next(), null);
        Harness.Result r = h.fetch(set.handler("s@file"), Harness.get("/"));
        assertThat(r.status).isEqualTo(502);
        assertThat(r.ctx.get(StandardAttributes.UPSTREAM_NOT_REACHED)).isNotNull();
    }

    @Test
    void streamResetMidBodyFailsTheBodyAndSparesTheConnection() throws Exception {
        H2Backend b = backend(false, 100, (stream, req) -> {
            if (req.path().equals("/reset")) {
                stream.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")));
                stream.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.copiedBuffer("partial", StandardCharsets.UTF_8)));
                stream.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.INTERNAL_ERROR));
            } else {
                H2Backend.echo(stream, req);
            }
        });
        ServiceSet set = service(b.url("h2c"), null);
        Harness.Result r = h.fetch(set.handler("s@file"), Harness.get("/reset"));
        assertThat(r.status).isEqualTo(200);
        assertThat(r.error).isNotNull().hasMessageContaining("INTERNAL_ERROR");
        assertThat(h.fetch(set.handler("s@file"), Harness.get("/after")).status).isEqualTo(200);
        assertThat(b.connections.get()).isEqualTo(1);
    }

    @Test
    void clientCancelResetsOnlyItsStream() throws Exception {
        H2Backend b = backend(false, 100, (stream, req) -> {
            if (req.path().equals("/endless")) {
                stream.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")));
                stream.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.copiedBuffer("first", StandardCharsets.UTF_8)));
            } else {
                H2Backend.echo(stream, req);
            }
        });
        ServiceSet set = service(b.url("h2c"), null);
        Harness.Result r = h.call(set.handler("s@file"), Harness.get("/endless"));
        Eventually.await(Duration.ofSeconds(10), "first chunk", () -> !r.chunks.isEmpty());
        h.loop.execute(() -> {
            r.flow.cancel();
            r.ctx.complete();
        });
        Eventually.await(Duration.ofSeconds(10), "RST_STREAM at the server", () -> !b.resets.isEmpty());
        assertThat(b.resets).containsExactly(Http2Error.CANCEL.code());
        assertThat(h.fetch(set.handler("s@file"), Harness.get("/after")).status).isEqualTo(200);
        assertThat(b.connections.get()).isEqualTo(1);
    }

    @Test
    void goAwaySendsNewStreamsToANewConnection() throws Exception {
        H2Backend b = backend(false, 100, (stream, req) -> {
            if (req.path().equals("/bye")) {
                // GOAWAY first, so the client knows before this response ends.
                stream.channel().parent().writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR));
            }
            H2Backend.echo(stream, req);
        });
        ServiceSet set = service(b.url("h2c"), null);
        assertThat(h.fetch(set.handler("s@file"), Harness.get("/bye")).status).isEqualTo(200);
        assertThat(h.fetch(set.handler("s@file"), Harness.get("/next")).status).isEqualTo(200);
        assertThat(b.connections.get()).isEqualTo(2);
    }

    @Test
    void unansweredPingClosesTheConnection() throws Exception {
        H2Backend b = new H2Backend(h.group, false, 100, false, (stream, req) ->
                stream.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200"))));
        backends.add(b);
        ServersTransportSpec t = new ServersTransportSpec(null, null, null, null, null,
                new ServersTransportSpec.ForwardingTimeoutsSpec(null, null, null, Duration.ofMillis(100),
                        Duration.ofMillis(200)), null);
        ServiceSet set = service(b.url("h2c"), t);
        // The head arrives, then the server goes silent and ignores our PING: the open body fails.
        Harness.Result r = h.fetch(set.handler("s@file"), Harness.get("/silent"));
        assertThat(r.status).isEqualTo(200);
        assertThat(r.error).isNotNull();
    }

    @Test
    void healthChecksProbeH2cServersOverHttp2() throws Exception {
        AtomicInteger health = new AtomicInteger(200);
        H2Backend b = backend(false, 100, (stream, req) -> stream.writeAndFlush(new DefaultHttp2HeadersFrame(
                new DefaultHttp2Headers().status(String.valueOf(health.get())), true)));
        HealthCheckSpec hc = new HealthCheckSpec(null, null, "/health", null, null, null, Duration.ofMillis(50), null,
                Duration.ofSeconds(1), null, null, null);
        ServiceSpec s = new ServiceSpec(new LoadBalancerSpec(List.of(new ServerSpec(b.url("h2c"), null, null)), null,
                null, hc, null, null, null, null), null, null, null);
        ServiceSet set = h.build(Map.of("s@file", s), Map.of());
        Eventually.await(Duration.ofSeconds(5), "an HTTP/2 probe", () -> !b.requests.isEmpty());
        assertThat(b.requests.getFirst().path()).isEqualTo("/health");
        assertThat(set.healthy("s@file")).isTrue();
        health.set(503);
        Eventually.await(Duration.ofSeconds(5), "server DOWN", () -> !set.healthy("s@file"));
    }

    @Test
    void httpsNegotiatesH2ByAlpn() throws Exception {
        H2Backend b = backend(true, 100, H2Backend::echo);
        ServiceSet set = service(b.url("https"), new ServersTransportSpec(null, true, null, null, null, null, null));
        Harness.Result r = h.fetch(set.handler("s@file"), Harness.request(HttpMethod.POST, "/tls", Body.of("over h2")));
        assertThat(r.status).isEqualTo(200);
        assertThat(r.text()).isEqualTo("over h2");
        assertThat(r.headers.get("x-scheme")).isEqualTo("https");
        assertThat(r.trailers.get("grpc-status")).isEqualTo("0");
        assertThat(b.http1Requests.get()).isZero();
    }

    @Test
    void disableHttp2KeepsHttpsOnHttp11() throws Exception {
        H2Backend b = backend(true, 100, H2Backend::echo);
        ServiceSet set = service(b.url("https"), new ServersTransportSpec(null, true, null, null, null, null, true));
        Harness.Result r = h.fetch(set.handler("s@file"), Harness.get("/tls"));
        assertThat(r.status).isEqualTo(200);
        assertThat(r.text()).isEqualTo("http/1.1");
        assertThat(b.requests).isEmpty();
    }
}

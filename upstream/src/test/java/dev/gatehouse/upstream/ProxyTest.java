package dev.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.dynamic.LoadBalancerSpec;
import dev.gatehouse.config.dynamic.ServerSpec;
import dev.gatehouse.config.dynamic.ServersTransportSpec;
import dev.gatehouse.config.dynamic.ServiceSpec;
import dev.gatehouse.core.Flow;
import dev.gatehouse.core.StandardAttributes;
import dev.gatehouse.core.StreamBody;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.FreePort;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpMethod;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProxyTest {
    private final Harness h = new Harness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void refusedConnectionIs502AndMarksNotReached() {
        ServiceSet set = h.build(Map.of("s@file", Harness.lb("http://127.0.0.1:" + FreePort.next())), Map.of());
        Harness.Result r = h.fetch(set.handler("s@file"), Harness.get("/"));
        assertThat(r.status).isEqualTo(502);
        assertThat(r.ctx.get(StandardAttributes.UPSTREAM_NOT_REACHED)).isNotNull();
        assertThat(r.ctx.service()).isEqualTo("s@file");
    }

    @Test
    void slowResponseHeadIs504() {
        CountDownLatch release = new CountDownLatch(1);
        try (Backend b = new Backend(ex -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Backend.reply(ex, 200, "late");
        })) {
            ServersTransportSpec t = new ServersTransportSpec(null, null, null, null, null,
                    new ServersTransportSpec.ForwardingTimeoutsSpec(null, Duration.ofMillis(200), null, null, null),
                    null);
            ServiceSpec s = new ServiceSpec(new LoadBalancerSpec(List.of(new ServerSpec(b.url(), null, null)), null,
                    null, null, null, null, "slow@file", null), null, null, null);
            ServiceSet set = h.build(Map.of("s@file", s), Map.of("slow@file", t));
            Harness.Result r = h.fetch(set.handler("s@file"), Harness.get("/"));
            release.countDown();
            assertThat(r.status).isEqualTo(504);
            assertThat(r.ctx.get(StandardAttributes.UPSTREAM_NOT_REACHED)).isNotNull();
        }
    }

    @Test
    void forwardsTargetHeadersAndStripsHopByHop() {
        AtomicReference<String> seen = new AtomicReference<>();
        try (Backend b = new Backend(ex -> {
            seen.set(ex.getRequestURI() + "|" + ex.getRequestHeaders().getFirst("Host") + "|"
                    + ex.getRequestHeaders().getFirst("X-Keep") + "|" + ex.getRequestHeaders().getFirst("X-Hop") + "|"
                    + ex.getRequestHeaders().getFirst("Keep-Alive"));
            ex.getResponseHeaders().add("Connection", "X-Resp-Hop");
            ex.getResponseHeaders().add("X-Resp-Hop", "1");
            ex.getResponseHeaders().add("X-Resp", "2");
            Backend.reply(ex, 201, "ok");
        })) {
            ServiceSpec s = new ServiceSpec(new LoadBalancerSpec(List.of(new ServerSpec(b.url() + "/base", null, true)),
                    null, false, null, null, null, null, null), null, null, null);
            ServiceSet set = h.build(Map.of("s@file", s), Map.of());
            var req = Harness.get("/a/b?x=1;y=2");
            req.headers().set("Connection", "X-Hop");
            req.headers().set("X-Hop", "gone");
            req.headers().set("Keep-Alive", "timeout=5");
            req.headers().set("X-Keep", "kept");
            Harness.Result r = h.fetch(set.handler("s@file"), req);
            assertThat(r.status).isEqualTo(201);
            assertThat(r.text()).isEqualTo("ok");
            assertThat(r.headers.get("X-Resp")).isEqualTo("2");
            assertThat(r.headers.contains("X-Resp-Hop")).isFalse();
            assertThat(seen.get()).isEqualTo("/base/a/b?x=1&y=2|" + b.url().substring(7) + "|kept|null|null");
            assertThat(r.ctx.upstreamAddress()).isEqualTo(b.url() + "/base");
        }
    }

    @Test
    void passesClientHostByDefaultAndIgnoresUrlPathWithoutPreservePath() {
        AtomicReference<String> seen = new AtomicReference<>();
        try (Backend b = new Backend(ex -> {
            seen.set(ex.getRequestURI() + "|" + ex.getRequestHeaders().getFirst("Host"));
            Backend.reply(ex, 200, "");
        })) {
            ServiceSet set = h.build(Map.of("s@file", Harness.lb(b.url() + "/base")), Map.of());
            assertThat(h.fetch(set.handler("s@file"), Harness.get("/p")).status).isEqualTo(200);
            assertThat(seen.get()).isEqualTo("/p|client.example");
        }
    }

    @Test
    void streamsChunksOneAtATimeBeforeTheUpstreamFinishes() {
        CountDownLatch chunk1Seen = new CountDownLatch(1);
        try (Backend b = new Backend(ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write("data: 1\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                // Chunk 2 only goes once the test saw chunk 1 arrive through the proxy.
                if (!chunk1Seen.await(10, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            out.write("data: 2\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        })) {
            ServiceSet set = h.build(Map.of("s@file", Harness.lb(b.url())), Map.of());
            Harness.Result r = h.call(set.handler("s@file"), Harness.get("/sse"), res -> {
                if (res.chunks.size() == 1) {
                    chunk1Seen.countDown();
                }
            });
            h.await(r);
            assertThat(r.status).isEqualTo(200);
            assertThat(r.chunks).containsExactly("data: 1\n\n", "data: 2\n\n");
            assertThat(r.error).isNull();
        }
    }

    @Test
    void streamsATenMegabyteRequestBodyWithBackPressure() {
        long total = 10L * 1024 * 1024;
        try (Backend b = new Backend(ex -> {
            long n = 0;
            byte[] buf = new byte[8192];
            InputStream in = ex.getRequestBody();
            int k;
            while ((k = in.read(buf)) > 0) {
                n += k;
            }
            Backend.reply(ex, 200, Long.toString(n));
        })) {
            ServiceSet set = h.build(Map.of("s@file", Harness.lb(b.url())), Map.of());
            AtomicInteger pauses = new AtomicInteger();
            Pump pump = new Pump(h, total, pauses);
            Harness.Result r = h.fetch(set.handler("s@file"), Harness.request(HttpMethod.POST, "/up", pump.body));
            assertThat(r.status).isEqualTo(200);
            assertThat(r.text()).isEqualTo(Long.toString(total));
            assertThat(pauses.get()).as("the body was paused while the socket was full").isPositive();
        }
    }

    /** Produces a request body in 64 KB chunks on the loop, honouring pause and resume. */
    static final class Pump implements Flow {
        final StreamBody body;
        private final Harness h;
        private final long total;
        private final AtomicInteger pauses;
        private long sent;
        private boolean paused;

        Pump(Harness h, long total, AtomicInteger pauses) {
            this.h = h;
            this.total = total;
            this.pauses = pauses;
            this.body = new StreamBody(this, -1);
            h.loop.execute(this::run);
        }

        private void run() {
            while (!paused && sent < total) {
                int n = (int) Math.min(65536, total - sent);
                sent += n;
                body.push(Unpooled.wrappedBuffer(new byte[n]));
            }
            if (sent >= total) {
                body.end(null);
            }
        }

        @Override
        public void pause() {
            paused = true;
            pauses.incrementAndGet();
        }

        @Override
        public void resume() {
            if (paused) {
                paused = false;
                h.loop.execute(this::run);
            }
        }

        @Override
        public void cancel() {
            paused = true;
        }
    }

    @Test
    void reusesPooledConnections() {
        try (Backend b = Backend.named("a")) {
            ServiceSet set = h.build(Map.of("s@file", Harness.lb(b.url())), Map.of());
            for (int i = 0; i < 20; i++) {
                assertThat(h.fetch(set.handler("s@file"), Harness.get("/" + i)).text()).isEqualTo("a");
            }
            assertThat(b.requests.get()).isEqualTo(20);
            assertThat(b.clientPorts).hasSize(1);
        }
    }

    @Test
    void eachEventLoopKeepsItsOwnPooledConnection() {
        try (Backend b = Backend.named("a")) {
            ServiceSet set = h.build(Map.of("s@file", Harness.lb(b.url())), Map.of());
            List<io.netty.channel.EventLoop> loops = new java.util.ArrayList<>();
            h.group.forEach(e -> loops.add((io.netty.channel.EventLoop) e));
            assertThat(loops).hasSize(2);
            for (int i = 0; i < 20; i++) {
                Harness.Result r = h.await(h.callOn(loops.get(i % 2), set.handler("s@file"), Harness.get("/" + i),
                        x -> { }));
                assertThat(r.text()).isEqualTo("a");
            }
            assertThat(b.requests.get()).isEqualTo(20);
            // One connection per loop, each reused: a request never borrows another loop's connection.
            assertThat(b.clientPorts).hasSize(2);
        }
    }

    @Test
    void maxIdleConnsPerHostZeroKeepsNoConnectionBetweenRequests() {
        try (Backend b = Backend.named("a")) {
            ServiceSpec s = new ServiceSpec(new LoadBalancerSpec(List.of(new ServerSpec(b.url(), null, null)), null,
                    null, null, null, null, "t@file", null), null, null, null);
            ServersTransportSpec noIdle = new ServersTransportSpec(null, null, null, null, 0, null, null);
            ServiceSet set = h.build(Map.of("s@file", s), Map.of("t@file", noIdle));
            for (int i = 0; i < 5; i++) {
                assertThat(h.fetch(set.handler("s@file"), Harness.get("/" + i)).text()).isEqualTo("a");
            }
            assertThat(b.requests.get()).isEqualTo(5);
            assertThat(b.clientPorts).as("a new connection per request").hasSize(5);
        }
    }

    @Test
    void unchangedServiceKeepsItsPoolAcrossReloads() {
        try (Backend b = Backend.named("a")) {
            ServiceSet first = h.build(Map.of("s@file", Harness.lb(b.url())), Map.of());
            assertThat(h.fetch(first.handler("s@file"), Harness.get("/")).status).isEqualTo(200);
            ServiceSet second = h.build(Map.of("s@file", Harness.lb(b.url()),
                    "other@file", Harness.lb(b.url() + "/x")), Map.of());
            h.upstreams.retire(first);
            assertThat(h.fetch(second.handler("s@file"), Harness.get("/")).status).isEqualTo(200);
            assertThat(b.clientPorts).hasSize(1);
        }
    }

    @Test
    void upstreamDyingMidBodyFailsTheResponseBody() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread t = Thread.ofVirtual().start(() -> {
                try (Socket s = ss.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial")
                            .getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                } catch (Exception ignored) {
                    // The test asserts on the proxy side.
                }
            });
            ServiceSet set = h.build(Map.of("s@file", Harness.lb("http://127.0.0.1:" + ss.getLocalPort())), Map.of());
            Harness.Result r = h.fetch(set.handler("s@file"), Harness.get("/"));
            t.join(5000);
            assertThat(r.status).isEqualTo(200);
            assertThat(r.text()).isEqualTo("partial");
            assertThat(r.error).isNotNull();
        }
    }

    @Test
    void cancellingTheResponseBodyClosesTheUpstreamConnection() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        try (ServerSocket ss = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = ss.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    s.getOutputStream().write(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    if (s.getInputStream().read() < 0) {
                        closed.countDown();
                    }
                } catch (Exception e) {
                    closed.countDown();
                }
            });
            ServiceSet set = h.build(Map.of("s@file", Harness.lb("http://127.0.0.1:" + ss.getLocalPort())), Map.of());
            Harness.Result r = h.call(set.handler("s@file"), Harness.get("/"));
            Eventually.await(Duration.ofSeconds(5), "first chunk", () -> r.chunks.size() == 1);
            h.loop.execute(() -> r.flow.cancel());
            assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void forwardsResponseTrailers() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = ss.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    s.getOutputStream().write(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: grpc-status\r\n"
                            + "\r\n2\r\nok\r\n0\r\ngrpc-status: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    s.getInputStream().read();
                } catch (Exception ignored) {
                    // The test asserts on the proxy side.
                }
            });
            ServiceSet set = h.build(Map.of("s@file", Harness.lb("http://127.0.0.1:" + ss.getLocalPort())), Map.of());
            Harness.Result r = h.fetch(set.handler("s@file"), Harness.get("/"));
            assertThat(r.text()).isEqualTo("ok");
            assertThat(r.headers.contains("Trailer")).isFalse();
            assertThat(r.trailers.get("grpc-status")).isEqualTo("0");
        }
    }
}

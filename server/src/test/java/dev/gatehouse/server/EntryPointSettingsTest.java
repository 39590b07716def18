package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.install.EntryPointSpec;
import dev.gatehouse.config.install.EntryPointSpec.ForwardedHeadersSpec;
import dev.gatehouse.config.install.EntryPointSpec.RespondingTimeoutsSpec;
import dev.gatehouse.config.install.EntryPointSpec.TransportSpec;
import dev.gatehouse.core.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Forwarded headers, hop-by-hop headers and responding timeouts. */
class EntryPointSettingsTest {
    private static final String FORGED = "GET / HTTP/1.1\r\nHost: example.com:8080\r\nX-Forwarded-For: 6.6.6.6\r\n"
            + "X-Forwarded-Proto: https\r\nX-Forwarded-Host: evil\r\nX-Real-Ip: 6.6.6.6\r\nConnection: close\r\n\r\n";

    @Test
    void untrustedPeerForwardedHeadersAreReplaced() throws Exception {
        try (TestServer s = new TestServer(Handlers.echo()); RawClient c = new RawClient(s.port())) {
            String r = c.send(FORGED).readToClose();
            // X-Forwarded-For is appended by the upstream client; here the forged one must be gone.
            assertThat(r).contains("h:x-forwarded-proto=http\n",
                    "h:x-forwarded-host=example.com:8080\n", "h:x-forwarded-port=8080\n", "h:x-real-ip=127.0.0.1\n")
                    .doesNotContain("6.6.6.6", "evil");
        }
    }

    @Test
    void trustedPeerForwardedHeadersAreKeptAndExtended() throws Exception {
        EntryPointSpec spec = new EntryPointSpec("127.0.0.1:0", null, null,
                new ForwardedHeadersSpec(List.of("10.0.0.0/8", "127.0.0.1/32"), null));
        try (TestServer s = new TestServer(spec, Handlers.echo(), null); RawClient c = new RawClient(s.port())) {
            String r = c.send(FORGED).readToClose();
            assertThat(r).contains("h:x-forwarded-for=6.6.6.6\n", "h:x-forwarded-proto=https\n",
                    "h:x-forwarded-host=evil\n", "h:x-real-ip=6.6.6.6\n");
        }
    }

    @Test
    void insecureTrustsEveryone() throws Exception {
        EntryPointSpec spec = new EntryPointSpec("127.0.0.1:0", null, null, new ForwardedHeadersSpec(null, true));
        try (TestServer s = new TestServer(spec, Handlers.echo(), null); RawClient c = new RawClient(s.port())) {
            assertThat(c.send(FORGED).readToClose()).contains("h:x-forwarded-host=evil\n");
        }
    }

    @Test
    void hopByHopHeadersAreRemoved() throws Exception {
        try (TestServer s = new TestServer(Handlers.echo()); RawClient c = new RawClient(s.port())) {
            String r = c.send("GET / HTTP/1.1\r\nHost: h\r\nConnection: close, X-Secret, X-Forwarded-For\r\n"
                    + "X-Secret: 1\r\nKeep-Alive: 5\r\nProxy-Connection: x\r\nTE: trailers, gzip\r\n"
                    + "Trailer: X-T\r\nUpgrade: foo\r\nX-Kept: yes\r\n\r\n").readToClose();
            assertThat(r).contains("h:x-kept=yes\n", "h:te=trailers\n")
                    .doesNotContain("x-forwarded-for", "x-secret", "keep-alive=", "proxy-connection", "trailer=", "upgrade=",
                            "h:connection=");
        }
    }

    @Test
    void upgradeRequestKeepsConnectionUpgrade() throws Exception {
        try (TestServer s = new TestServer((ctx, req) -> HttpResponse.text(200,
                req.headers().get("connection") + "|" + req.headers().get("upgrade") + "|"
                        + req.headers().get("x-forwarded-proto")));
             RawClient c = new RawClient(s.port())) {
            String r = c.send("GET /ws HTTP/1.1\r\nHost: h\r\nConnection: keep-alive, Upgrade\r\n"
                    + "Upgrade: websocket\r\n\r\n").readUntil("|ws", 1);
            assertThat(r).contains("upgrade|websocket|ws");
        }
    }

    @Test
    void slowHeadersGet408() throws Exception {
        EntryPointSpec spec = new EntryPointSpec("127.0.0.1:0", null, new TransportSpec(
                new RespondingTimeoutsSpec(Duration.ofMillis(300), null, null), null), null);
        try (TestServer s = new TestServer(spec, Handlers.echo(), null); RawClient c = new RawClient(s.port())) {
            c.send("GET / HTTP/1.1\r\nHost: h\r\n");
            long start = System.nanoTime();
            String r = c.readToClose();
            assertThat(r).startsWith("HTTP/1.1 408");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
            assertThat(s.calls.get()).isZero();
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosed() throws Exception {
        EntryPointSpec spec = new EntryPointSpec("127.0.0.1:0", null, new TransportSpec(
                new RespondingTimeoutsSpec(null, null, Duration.ofMillis(300)), null), null);
        try (TestServer s = new TestServer(spec, (ctx, req) -> HttpResponse.text(200, "ok"), null);
             RawClient c = new RawClient(s.port())) {
            c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
            String r = c.readToClose();
            assertThat(r).startsWith("HTTP/1.1 200").endsWith("ok").doesNotContain("connection: close");
        }
    }

    @Test
    void writeTimeoutClosesASlowResponse() throws Exception {
        EntryPointSpec spec = new EntryPointSpec("127.0.0.1:0", null, new TransportSpec(
                new RespondingTimeoutsSpec(null, Duration.ofMillis(300), null), null), null);
        try (TestServer s = new TestServer(spec, (ctx, req) -> HttpResponse.pending(), null);
             RawClient c = new RawClient(s.port())) {
            String r = c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").readToClose();
            assertThat(r).isEmpty();
            dev.gatehouse.testing.Eventually.await(Duration.ofSeconds(5), "aborted exchange",
                    () -> s.exchanges.size() == 1 && s.exchanges.getFirst().aborted());
        }
    }
}

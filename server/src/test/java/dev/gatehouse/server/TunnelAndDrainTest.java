package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.testing.Eventually;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TunnelAndDrainTest {
    @Test
    void upgradeSwitchesToARawTunnel() throws Exception {
        // The handler answers 101 with the request body as the response body: an echo tunnel.
        try (TestServer s = new TestServer((ctx, req) -> {
            if (!"echo".equals(req.headers().get("upgrade"))) {
                return HttpResponse.text(400, "no upgrade");
            }
            return HttpResponse.of(101, new DefaultHttpHeaders().set("upgrade", "echo"), req.body());
        }); RawClient c = new RawClient(s.port())) {
            c.send("GET /tunnel HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n");
            String head = c.readUntil("\r\n\r\n", 1);
            assertThat(head).startsWith("HTTP/1.1 101").contains("upgrade: echo").contains("connection: upgrade");
            c.send("ping");
            assertThat(c.readN(4)).isEqualTo("ping");
            c.send("GET / HTTP/1.1\r\n\r\n");
            assertThat(c.readN(18)).isEqualTo("GET / HTTP/1.1\r\n\r\n");
            c.socket.shutdownOutput();
            assertThat(c.readToClose()).isEmpty();
            Eventually.await(Duration.ofSeconds(5), "tunnel exchange observed", () -> s.exchanges.size() == 1);
            assertThat(s.exchanges.getFirst().status()).isEqualTo(101);
            assertThat(s.exchanges.getFirst().requestBytes()).isEqualTo(22);
        }
    }

    @Test
    void upgradeAnsweredWithoutSwitchStaysHttp() throws Exception {
        try (TestServer s = new TestServer((ctx, req) -> HttpResponse.text(404, "nope"));
             RawClient c = new RawClient(s.port())) {
            c.send("GET /ws HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n");
            assertThat(c.readUntil("nope", 1)).startsWith("HTTP/1.1 404");
            c.send("GET /again HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            assertThat(c.readToClose()).startsWith("HTTP/1.1 404");
        }
    }

    @Test
    void shutdownFinishesInFlightAndRefusesNewConnections() throws Exception {
        CompletableFuture<Void> handlerCalled = new CompletableFuture<>();
        TestServer s = new TestServer((ctx, req) -> {
            HttpResponse r = HttpResponse.pending();
            handlerCalled.complete(null);
            ctx.eventLoop().schedule(() -> r.complete(200, new DefaultHttpHeaders(),
                    dev.gatehouse.core.Body.of("slow done")), 700, TimeUnit.MILLISECONDS);
            return r;
        });
        int port = s.port();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var inflight = client.sendAsync(HttpRequest.newBuilder(URI.create(s.url("/slow"))).build(),
                BodyHandlers.ofString());
        handlerCalled.get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> down = s.server.shutdown(Duration.ofSeconds(5));
        Eventually.await(Duration.ofSeconds(5), "listener closed", () -> {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return false;
            } catch (java.io.IOException e) {
                return true;
            }
        });
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        var resp = inflight.get(5, TimeUnit.SECONDS);
        assertThat(resp.statusCode()).isEqualTo(200);
        assertThat(resp.body()).isEqualTo("slow done");
        assertThat(resp.headers().firstValue("connection")).contains("close");
        down.get(5, TimeUnit.SECONDS);
        assertThat(s.server.openConnections()).isZero();
    }

    @Test
    void shutdownClosesWhatOutlivesTheGracePeriod() throws Exception {
        TestServer s = new TestServer((ctx, req) -> HttpResponse.pending());
        try (RawClient c = new RawClient(s.port())) {
            c.send("GET /never HTTP/1.1\r\nHost: h\r\n\r\n");
            Eventually.await(Duration.ofSeconds(5), "handler called", () -> s.calls.get() == 1);
            long start = System.nanoTime();
            s.server.shutdown(Duration.ofMillis(300)).get(5, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(c.readToClose()).isEmpty();
            Eventually.await(Duration.ofSeconds(5), "aborted exchange observed",
                    () -> s.exchanges.size() == 1 && s.exchanges.getFirst().aborted());
        }
    }
}

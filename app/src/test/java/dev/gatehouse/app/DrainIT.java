package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.testing.Eventually;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: closing the gateway lets an in-flight request finish and refuses new connections. */
class DrainIT {
    @Test
    void anInFlightRequestCompletesWhileCloseRunsAndNewConnectionsAreRefused(@TempDir Path dir) throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        CountDownLatch refusalSeen = new CountDownLatch(1);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        HttpServer slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        slow.setExecutor(threads);
        slow.createContext("/slow", ex -> {
            long t0 = System.nanoTime();
            received.countDown();
            try {
                // answer after 1 s, and not before the test saw the gateway refuse a new connection
                refusalSeen.await(5, TimeUnit.SECONDS);
                long left = 1000 - (System.nanoTime() - t0) / 1_000_000;
                if (left > 0) {
                    Thread.sleep(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "slow and done".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        });
        slow.start();
        String routes = """
                http:
                  routers:
                    slow:
                      rule: "PathPrefix(`/slow`)"
                      service: slow
                  services:
                    slow:
                      loadBalancer:
                        servers: [{url: "http://127.0.0.1:%d"}]
                """.formatted(slow.getAddress().getPort());
        Gateway g = TestGateway.start(dir, TestGateway.install(), routes);
        HttpClient client = Http.client();
        CompletableFuture<Void> closing = null;
        try {
            int port = g.port("web");
            CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow"))
                            .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(received.await(5, TimeUnit.SECONDS)).as("the backend got the request").isTrue();

            long t0 = System.nanoTime();
            closing = CompletableFuture.runAsync(g::close, threads);
            Eventually.await(Duration.ofSeconds(3), "new connections refused", () -> refused(port));
            assertThat(inFlight).as("still in flight when new connections are refused").isNotDone();
            refusalSeen.countDown();

            HttpResponse<String> r = inFlight.get(10, TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("slow and done");
            closing.get(10, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).as("close waited for the in-flight request, not the whole grace period")
                    .isBetween(500L, 4500L);
            assertThat(refused(port)).isTrue();
        } finally {
            refusalSeen.countDown();
            if (closing == null) {
                g.close();
            } else {
                closing.get(15, TimeUnit.SECONDS);
            }
            client.close();
            slow.stop(0);
            threads.shutdownNow();
        }
    }

    private static boolean refused(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void duringRequestAcceptGraceRequestsAreServedWhilePingSaysTerminating(@TempDir Path dir) throws Exception {
        try (Backends backends = new Backends()) {
            Backends.Backend b = backends.whoami("b");
            String install = TestGateway.install().replace("graceTimeOut: 5s",
                    "graceTimeOut: 5s\n        requestAcceptGraceTimeout: 1500ms");
            String routes = """
                    http:
                      routers:
                        r:
                          rule: "PathPrefix(`/`)"
                          service: s
                      services:
                        s:
                          loadBalancer:
                            servers: [{url: "%s"}]
                    """.formatted(b.url());
            Gateway g = TestGateway.start(dir, install, routes);
            int port = g.port("web");
            String ping = "http://127.0.0.1:" + g.adminPort() + "/ping";
            assertThat(Http.get(ping).statusCode()).isEqualTo(200);
            CompletableFuture<Void> closing = CompletableFuture.runAsync(g::close);
            Eventually.await(Duration.ofSeconds(3), "ping answers 503 once stopping",
                    () -> Http.get(ping).statusCode() == 503);
            assertThat(Http.get("http://127.0.0.1:" + port + "/x").statusCode())
                    .as("still served during the accept grace period").isEqualTo(200);
            closing.get(15, TimeUnit.SECONDS);
            assertThat(refused(port)).isTrue();
        }
    }
}

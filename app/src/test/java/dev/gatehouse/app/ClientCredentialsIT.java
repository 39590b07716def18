package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.FreePort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: oauth2ClientCredentials through a real gateway, a real token endpoint and a whoami backend. */
class ClientCredentialsIT {
    @TempDir
    static Path dir;
    static Backends backends;
    static Backends.Backend backend;
    static HttpServer tokenServer;
    static ExecutorService tokenThreads;
    static final Endpoint ONCE = new Endpoint("3600");
    static final Endpoint SHORT = new Endpoint("1");
    static final Endpoint FLAKY = new Endpoint("3600");
    static Gateway gateway;
    static int port;

    /** One token endpoint path: its own counter, lifetime and health. */
    static final class Endpoint {
        final AtomicInteger calls = new AtomicInteger();
        final String expiresIn;
        volatile int status = 200;
        volatile String lastAuthorization;

        Endpoint(String expiresIn) {
            this.expiresIn = expiresIn;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        backends = new Backends();
        backend = backends.whoami("api");
        tokenServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tokenThreads = Executors.newFixedThreadPool(4);
        tokenServer.setExecutor(tokenThreads);
        serve("/once", ONCE);
        serve("/short", SHORT);
        serve("/flaky", FLAKY);
        tokenServer.start();
        String base = "http://127.0.0.1:" + tokenServer.getAddress().getPort();
        String routes = """
                http:
                  routers:
                    once:
                      rule: "PathPrefix(`/once`)"
                      middlewares: [cc-once]
                      service: api
                    short:
                      rule: "PathPrefix(`/short`)"
                      middlewares: [cc-short]
                      service: api
                    flaky:
                      rule: "PathPrefix(`/flaky`)"
                      middlewares: [cc-flaky]
                      service: api
                    dead:
                      rule: "PathPrefix(`/dead`)"
                      middlewares: [cc-dead]
                      service: api
                  middlewares:
                    cc-once:
                      oauth2ClientCredentials:
                        tokenUrl: "%1$s/once"
                        clientId: gateway
                        clientSecret: "very-secret"
                        scopes: [orders.read]
                    cc-short:
                      oauth2ClientCredentials:
                        tokenUrl: "%1$s/short"
                        clientId: gateway
                        clientSecret: "very-secret"
                        authStyle: body
                    cc-flaky:
                      oauth2ClientCredentials:
                        tokenUrl: "%1$s/flaky"
                        clientId: gateway
                        clientSecret: "very-secret"
                    cc-dead:
                      oauth2ClientCredentials:
                        tokenUrl: "http://127.0.0.1:%3$d/token"
                        clientId: gateway
                        clientSecret: "very-secret"
                  services:
                    api:
                      loadBalancer:
                        servers: [{url: "%2$s"}]
                """.formatted(base, backend.url(), FreePort.next());
        gateway = TestGateway.start(dir, TestGateway.install(), routes);
        port = gateway.port("web");
        assertThat(gateway.lastErrors()).isEmpty();
    }

    static void serve(String path, Endpoint e) {
        tokenServer.createContext(path, ex -> {
            try (ex) {
                ex.getRequestBody().readAllBytes();
                e.lastAuthorization = ex.getRequestHeaders().getFirst("Authorization");
                int n = e.calls.incrementAndGet();
                String body = e.status == 200
                        ? "{\"access_token\":\"" + path.substring(1) + "-" + n + "\",\"token_type\":\"Bearer\","
                        + "\"expires_in\":" + e.expiresIn + "}"
                        : "{\"error\":\"temporarily_unavailable\"}";
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(e.status, b.length);
                ex.getResponseBody().write(b);
            } catch (IOException ignored) {
                // the client went away; nothing to answer
            }
        });
    }

    @AfterAll
    static void stop() {
        TestGateway.closeAll(gateway, backends);
        if (tokenServer != null) {
            tokenServer.stop(0);
            tokenThreads.shutdownNow();
        }
    }

    private static String upstreamAuthorization(HttpResponse<String> r) {
        return Http.seen(Http.json(r.body()), "Authorization");
    }

    private static HttpResponse<String> get(String path, String... headers) {
        return Http.get("http://127.0.0.1:" + port + path, headers);
    }

    @Test
    void oneTokenServesManyRequestsAndReplacesTheClientsHeader() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(CompletableFuture.supplyAsync(() -> get("/once/x", "Authorization", "Bearer from-client")));
        }
        for (CompletableFuture<HttpResponse<String>> f : all) {
            HttpResponse<String> r = f.get(20, TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(upstreamAuthorization(r)).isEqualTo("Bearer once-1");
        }
        for (int i = 0; i < 10; i++) {
            assertThat(upstreamAuthorization(get("/once/y"))).isEqualTo("Bearer once-1");
        }
        assertThat(ONCE.calls.get()).isEqualTo(1);
        assertThat(ONCE.lastAuthorization).startsWith("Basic ");
    }

    @Test
    void shortLivedTokenIsRenewed() {
        assertThat(upstreamAuthorization(get("/short/x"))).isEqualTo("Bearer short-1");
        assertThat(SHORT.lastAuthorization).as("authStyle body: no Basic header").isNull();
        Eventually.await(Duration.ofSeconds(10), "a renewed token upstream",
                () -> !"Bearer short-1".equals(upstreamAuthorization(get("/short/x"))));
        assertThat(SHORT.calls.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void failingEndpointGives503ThenRecovers() {
        FLAKY.status = 500;
        HttpResponse<String> r = get("/flaky/x");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).doesNotContain("very-secret");
        // The back-off itself is checked on a fake clock in ClientCredentialsMiddlewareTest.
        FLAKY.status = 200;
        Eventually.await(Duration.ofSeconds(10), "recovery", () -> get("/flaky/x").statusCode() == 200);
        assertThat(upstreamAuthorization(get("/flaky/x"))).startsWith("Bearer flaky-");
    }

    @Test
    void unreachableEndpointGives503AndTheBackendIsNotCalled() {
        int before = backend.requests.get();
        assertThat(get("/dead/x").statusCode()).isEqualTo(503);
        assertThat(backend.requests.get()).isEqualTo(before);
    }
}

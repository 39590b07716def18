package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.testing.FreePort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: forwardAuth through a real gateway, a real authentication server and a whoami backend. */
class ForwardAuthIT {
    @TempDir
    static Path dir;
    static Backends backends;
    static Backends.Backend backend;
    static HttpServer authServer;
    static ExecutorService authThreads;
    static final AtomicInteger AUTH_CALLS = new AtomicInteger();
    static volatile Headers lastAuthHeaders;
    static volatile String lastAuthBody;
    static Gateway gateway;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        backends = new Backends();
        backend = backends.whoami("app");
        startAuthServer();
        String auth = "http://127.0.0.1:" + authServer.getAddress().getPort() + "/verify";
        String routes = """
                http:
                  routers:
                    plain:
                      rule: "PathPrefix(`/plain`)"
                      middlewares: [fa]
                      service: app
                    trusting:
                      rule: "PathPrefix(`/trusting`)"
                      middlewares: [fa-trust]
                      service: app
                    body:
                      rule: "PathPrefix(`/body`)"
                      middlewares: [fa-body]
                      service: app
                    down:
                      rule: "PathPrefix(`/down`)"
                      middlewares: [fa-down]
                      service: app
                  middlewares:
                    fa:
                      forwardAuth:
                        address: "%1$s"
                        authResponseHeaders: [X-Auth-User]
                        authResponseHeadersRegex: "^X-Auth-Role"
                        headerField: X-Auth-User
                    fa-trust:
                      forwardAuth:
                        address: "%1$s"
                        trustForwardHeader: true
                    fa-body:
                      forwardAuth:
                        address: "%1$s"
                        forwardBody: true
                        maxBodySize: 32
                        authResponseHeaders: [X-Auth-User]
                    fa-down:
                      forwardAuth:
                        address: "http://127.0.0.1:%3$d/verify"
                  services:
                    app:
                      loadBalancer:
                        servers: [{url: "%2$s"}]
                """.formatted(auth, backend.url(), FreePort.next());
        String install = TestGateway.install().replace("""
                    transport:
                """, """
                    forwardedHeaders:
                      insecure: true
                    transport:
                """);
        gateway = TestGateway.start(dir, install, routes);
        port = gateway.port("web");
        assertThat(gateway.lastErrors()).isEmpty();
    }

    /** Lets in {@code Bearer good}, refuses a body that says "deny", and asks everyone else to log in. */
    static void startAuthServer() throws IOException {
        authServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        authThreads = Executors.newFixedThreadPool(4);
        authServer.setExecutor(authThreads);
        authServer.createContext("/verify", ex -> {
            try (ex) {
                lastAuthBody = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                lastAuthHeaders = ex.getRequestHeaders();
                AUTH_CALLS.incrementAndGet();
                int status;
                String body;
                if (lastAuthBody.contains("deny")) {
                    status = 403;
                    body = "{\"error\":\"body refused\"}";
                } else if ("Bearer good".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                    ex.getResponseHeaders().set("X-Auth-User", "alice");
                    ex.getResponseHeaders().set("X-Auth-Role", "admin");
                    ex.getResponseHeaders().set("X-Auth-Internal", "not-for-the-backend");
                    status = 200;
                    body = "";
                } else {
                    ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"test\"");
                    ex.getResponseHeaders().set("Content-Type", "application/json");
                    status = 401;
                    body = "{\"error\":\"login required\"}";
                }
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
                if (b.length > 0) {
                    ex.getResponseBody().write(b);
                }
            }
        });
        authServer.start();
    }

    @AfterAll
    static void stop() {
        TestGateway.closeAll(gateway, backends);
        if (authServer != null) {
            authServer.stop(0);
            authThreads.shutdownNow();
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void allowedRequestReachesTheBackendWithTheServersHeadersOnly() {
        HttpResponse<String> r = Http.get(url("/plain/x?y=1"), "Authorization", "Bearer good",
                "X-Auth-User", "mallory", "X-Auth-Role-Spoof", "root");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode echo = Http.json(r.body());
        assertThat(Http.seen(echo, "X-Auth-User")).isEqualTo("alice");
        assertThat(Http.seen(echo, "X-Auth-Role")).isEqualTo("admin");
        assertThat(Http.seen(echo, "X-Auth-Role-Spoof")).as("client copy removed by the regex").isNull();
        assertThat(Http.seen(echo, "X-Auth-Internal")).isNull();
        assertThat(echo.get("uri").asText()).isEqualTo("/plain/x?y=1");
    }

    @Test
    void deniedRequestGetsTheServersAnswerAndNeverReachesTheBackend() {
        int before = backend.requests.get();
        HttpResponse<String> r = Http.get(url("/plain/secret"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("{\"error\":\"login required\"}");
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"test\"");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(backend.requests.get()).isEqualTo(before);
    }

    @Test
    void forwardedHeadersAreTheRequestsOwnUnlessTrusted() {
        String[] spoof = {"Authorization", "Bearer good", "X-Forwarded-Host", "evil.test",
            "X-Forwarded-Uri", "/admin", "X-Forwarded-Method", "DELETE", "X-Forwarded-For", "1.2.3.4"};
        assertThat(Http.get(url("/plain/a?b=c"), spoof).statusCode()).isEqualTo(200);
        Headers seen = lastAuthHeaders;
        assertThat(seen.getFirst("X-Forwarded-Host")).isEqualTo("127.0.0.1:" + port);
        assertThat(seen.getFirst("X-Forwarded-Uri")).isEqualTo("/plain/a?b=c");
        assertThat(seen.getFirst("X-Forwarded-Method")).isEqualTo("GET");
        assertThat(seen.getFirst("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(seen.getFirst("X-Forwarded-For")).isEqualTo("127.0.0.1");

        assertThat(Http.get(url("/trusting/a"), spoof).statusCode()).isEqualTo(200);
        Headers trusted = lastAuthHeaders;
        assertThat(trusted.getFirst("X-Forwarded-Host")).isEqualTo("evil.test");
        assertThat(trusted.getFirst("X-Forwarded-Uri")).isEqualTo("/admin");
        assertThat(trusted.getFirst("X-Forwarded-Method")).isEqualTo("DELETE");
        assertThat(trusted.getFirst("X-Forwarded-For")).isEqualTo("1.2.3.4, 127.0.0.1");
    }

    @Test
    void forwardBodyLetsTheServerReadTheBodyAndTheBackendStillGetsIt() throws Exception {
        HttpResponse<String> ok = post("/body/upload", "hello gateway");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(lastAuthBody).isEqualTo("hello gateway");
        assertThat(Http.json(ok.body()).get("body").asText()).isEqualTo("hello gateway");

        HttpResponse<String> refused = post("/body/upload", "please deny this");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).isEqualTo("{\"error\":\"body refused\"}");

        int calls = AUTH_CALLS.get();
        int before = backend.requests.get();
        HttpResponse<String> big = post("/body/upload", "x".repeat(33));
        assertThat(big.statusCode()).as("over maxBodySize: 401, as Traefik").isEqualTo(401);
        assertThat(AUTH_CALLS.get()).isEqualTo(calls);
        assertThat(backend.requests.get()).isEqualTo(before);
    }

    @Test
    void unreachableServerGives500() {
        int before = backend.requests.get();
        assertThat(Http.get(url("/down/x"), "Authorization", "Bearer good").statusCode()).isEqualTo(500);
        assertThat(backend.requests.get()).isEqualTo(before);
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url(path))).timeout(Http.TIMEOUT)
                .header("Authorization", "Bearer good")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return Http.client().send(req, HttpResponse.BodyHandlers.ofString());
    }
}

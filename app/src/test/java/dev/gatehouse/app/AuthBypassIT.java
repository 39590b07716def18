package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: no spelling of a protected path gets past the route's authentication. Each odd spelling is either
 * rejected (400, 404) or matched to the protected route, where authentication decides; the protected backend
 * never sees a request without credentials. Paths go over a raw socket, byte for byte.
 */
class AuthBypassIT {
    private static final List<String> SPELLINGS = List.of(
            "//admin", "/admin/../admin", "/%2e%2e/admin", "/admin%2F", "/ADMIN", "/admin;x=1", "/admin/.",
            "/./admin", "/public/../admin", "/%61dmin", "/admin%2fsecret", "/admin%00", "/ad%6din/",
            "/public/%2e%2e/admin", "/public/..%2fadmin", "/admin%5c", "/%2fadmin", "/admin/..;/admin");

    @TempDir
    static Path dir;
    static Backends backends;
    static Backends.Backend admin;
    static Backends.Backend publicSite;
    static Gateway gateway;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        backends = new Backends();
        admin = backends.whoami("admin");
        publicSite = backends.whoami("public");
        // alice:secret, bcrypt-free {SHA} entry so the test does not wait on password hashing
        String routes = """
                http:
                  routers:
                    admin:
                      rule: "PathPrefix(`/admin`)"
                      middlewares: [auth]
                      service: admin
                    public:
                      rule: "PathPrefix(`/public`)"
                      service: public
                  middlewares:
                    auth:
                      basicAuth:
                        users: ["alice:{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ="]
                  services:
                    admin:
                      loadBalancer:
                        servers: [{url: "%s"}]
                    public:
                      loadBalancer:
                        servers: [{url: "%s"}]
                """.formatted(admin.url(), publicSite.url());
        gateway = TestGateway.start(dir, TestGateway.install(), routes);
        port = gateway.port("web");
        assertThat(gateway.lastErrors()).isEmpty();
    }

    @AfterAll
    static void stop() {
        TestGateway.closeAll(gateway, backends);
    }

    private static Http.RawResponse get(String path, String... headerLines) {
        StringBuilder req = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: site.test\r\n");
        for (String h : headerLines) {
            req.append(h).append("\r\n");
        }
        return Http.raw(port, req.append("Connection: close\r\n\r\n").toString());
    }

    private static String basic(String user, String password) {
        return "Authorization: Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noSpellingReachesTheProtectedBackendWithoutCredentials() {
        int before = admin.requests.get();
        for (String path : SPELLINGS) {
            Http.RawResponse r = get(path);
            assertThat(r.status()).as(path).isIn(400, 401, 404);
            if (r.status() == 200) {
                assertThat(r.body()).as(path).doesNotContain("\"admin\"");
            }
        }
        for (String path : SPELLINGS) {
            Http.RawResponse r = get(path, basic("alice", "wrong"));
            assertThat(r.status()).as(path + " with a wrong password").isIn(400, 401, 404);
        }
        assertThat(admin.requests.get()).as("requests that reached the protected backend").isEqualTo(before);
    }

    @Test
    void spellingsThatRouteGoToTheProtectedRouteAndAuthenticationDecides() {
        int before = admin.requests.get();
        int routed = 0;
        for (String path : SPELLINGS) {
            Http.RawResponse withCreds = get(path, basic("alice", "secret"));
            Http.RawResponse without = get(path);
            if (withCreds.status() == 200) {
                routed++;
                assertThat(withCreds.body()).as(path + " served by").contains("admin");
                assertThat(without.status()).as(path + " without credentials").isEqualTo(401);
            } else {
                assertThat(withCreds.status()).as(path).isIn(400, 404);
                assertThat(without.status()).as(path).isEqualTo(withCreds.status());
            }
        }
        assertThat(routed).as("spellings that normalise to /admin").isGreaterThanOrEqualTo(6);
        assertThat(admin.requests.get() - before).isEqualTo(routed);
    }

    @Test
    void caseSensitiveMatchingDoesNotFoldCase() {
        assertThat(get("/ADMIN").status()).isEqualTo(404);
        assertThat(get("/Admin", basic("alice", "secret")).status()).isEqualTo(404);
    }

    @Test
    void encodedSlashesAndDotSegmentsWithParametersAreRejected() {
        for (String path : List.of("/admin%2F", "/admin%2fsecret", "/%2fadmin", "/admin%5c", "/admin%00",
                "/public/..%2fadmin", "/admin/..;/admin")) {
            assertThat(get(path, basic("alice", "secret")).status()).as(path).isEqualTo(400);
        }
    }

    @Test
    void carriageReturnOrLineFeedInAHeaderValueIsRejected() {
        int before = publicSite.requests.get();
        assertThat(Http.raw(port, "GET /public HTTP/1.1\r\nHost: site.test\r\nX-Forwarded-User: alice\rX-Admin: 1\r\n"
                + "Connection: close\r\n\r\n").status()).isEqualTo(400);
        assertThat(Http.raw(port, "GET /public HTTP/1.1\r\nHost: site.test\r\nX-Forwarded-User: alice\nX-Admin: 1\r\n"
                + "Connection: close\r\n\r\n").status()).isEqualTo(400);
        assertThat(publicSite.requests.get()).isEqualTo(before);
    }
}

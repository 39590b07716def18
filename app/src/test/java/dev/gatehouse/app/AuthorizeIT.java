package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: basicAuth sets the Consumer, authorize rules over it, the method and a header decide. */
class AuthorizeIT {
    @TempDir
    static Path dir;
    static Backends backends;
    static Backends.Backend backend;
    static Gateway gateway;
    static HttpClient client;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        backends = new Backends();
        backend = backends.whoami("api");
        String routes = """
                http:
                  routers:
                    api:
                      rule: "PathPrefix(`/api`)"
                      middlewares: [auth, policy]
                      service: api
                  middlewares:
                    auth:
                      basicAuth:
                        users: ["%s", "%s"]
                    policy:
                      authorize:
                        rules:
                          - name: no-delete
                            deny: request.method == "DELETE"
                          - name: admin
                            allow: consumer.id == "admin" && consumer.method == "basicAuth"
                          - name: tenant-readers
                            allow: request.method == "GET" && request.headers["x-tenant"] == "acme"
                        default: deny
                        statusCode: 403
                  services:
                    api:
                      loadBalancer:
                        servers: [{url: "%s"}]
                """.formatted(htpasswd("admin", "s3cret"), htpasswd("bob", "hunter2"), backend.url());
        gateway = TestGateway.start(dir, TestGateway.install(), routes);
        assertThat(gateway.lastErrors()).isEmpty();
        base = "http://127.0.0.1:" + gateway.port("web");
        client = Http.client();
    }

    @AfterAll
    static void stop() {
        TestGateway.closeAll(gateway, backends);
    }

    private static String htpasswd(String user, String password) throws Exception {
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
        return user + ":{SHA}" + Base64.getEncoder().encodeToString(sha1);
    }

    private static HttpResponse<String> call(String method, String user, String password, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/items")).timeout(Http.TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            b.header("Authorization", "Basic " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void adminIsAllowedButNeverDeletes() throws Exception {
        int before = backend.requests.get();
        assertThat(call("POST", "admin", "s3cret").statusCode()).isEqualTo(200);
        assertThat(backend.requests.get()).isEqualTo(before + 1);

        HttpResponse<String> delete = call("DELETE", "admin", "s3cret");
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(delete.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(Http.json(delete.body()).path("error").asText()).isEqualTo("forbidden");
        assertThat(Http.json(delete.body()).path("reason").asText()).isEqualTo("no-delete");
        assertThat(backend.requests.get()).isEqualTo(before + 1);
    }

    @Test
    void otherUsersNeedTheTenantHeaderAndGet() throws Exception {
        int before = backend.requests.get();
        assertThat(call("GET", "bob", "hunter2", "X-Tenant", "acme").statusCode()).isEqualTo(200);
        assertThat(backend.requests.get()).isEqualTo(before + 1);

        HttpResponse<String> otherTenant = call("GET", "bob", "hunter2", "X-Tenant", "globex");
        assertThat(otherTenant.statusCode()).isEqualTo(403);
        assertThat(Http.json(otherTenant.body()).path("reason").asText()).isEqualTo("default");
        HttpResponse<String> noHeader = call("GET", "bob", "hunter2");
        assertThat(noHeader.statusCode()).isEqualTo(403);
        assertThat(call("POST", "bob", "hunter2", "X-Tenant", "acme").statusCode()).isEqualTo(403);
        assertThat(backend.requests.get()).isEqualTo(before + 1);
    }

    @Test
    void unauthenticatedRequestsStopAtBasicAuth() throws Exception {
        int before = backend.requests.get();
        assertThat(call("GET", null, null, "X-Tenant", "acme").statusCode()).isEqualTo(401);
        assertThat(call("GET", "bob", "wrong", "X-Tenant", "acme").statusCode()).isEqualTo(401);
        assertThat(backend.requests.get()).isEqualTo(before);
    }
}

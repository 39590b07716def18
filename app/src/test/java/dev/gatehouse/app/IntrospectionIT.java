package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.identity.oidc.TestOpenIdProvider;
import dev.gatehouse.testing.Eventually;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: oauth2Introspection against a real RFC 7662 endpoint, through a real gateway. */
class IntrospectionIT {
    @TempDir
    static Path dir;
    static TestOpenIdProvider idp;
    static Backends backends;
    static Backends.Backend api;
    static Gateway gateway;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        idp = TestOpenIdProvider.start();
        backends = new Backends();
        api = backends.whoami("api");
        String routes = """
                http:
                  routers:
                    api:
                      rule: "PathPrefix(`/`)"
                      middlewares: [introspect]
                      service: api
                  middlewares:
                    introspect:
                      oauth2Introspection:
                        url: "%s/introspect"
                        clientId: gatehouse
                        clientSecret: "s3cret:&="
                        tokenTypeHint: access_token
                        cacheTtl: 60s
                        inactiveCacheTtl: 10s
                        forwardHeaders:
                          X-Consumer: sub
                          X-Scopes: scope
                  services:
                    api:
                      loadBalancer:
                        servers: [{url: "%s"}]
                """.formatted(idp.issuer(), api.url());
        gateway = TestGateway.start(dir, TestGateway.install(), routes);
        assertThat(gateway.lastErrors()).isEmpty();
        base = "http://127.0.0.1:" + gateway.port("web");
    }

    @AfterAll
    static void stop() {
        TestGateway.closeAll(gateway, backends, idp);
    }

    @BeforeEach
    void reset() {
        idp.introspectionStatus = 0;
    }

    private static String token(long exp) {
        String token = UUID.randomUUID().toString();
        idp.activate(token, Map.of("sub", "svc-" + token.substring(0, 4), "scope", "read", "exp", exp));
        return token;
    }

    private static long in(long seconds) {
        return System.currentTimeMillis() / 1000 + seconds;
    }

    private static HttpResponse<String> call(String token) {
        return Http.get(base + "/data", "Authorization", "Bearer " + token);
    }

    @Test
    void activeTokenReachesTheBackendWithItsClaims() {
        String token = token(in(300));

        HttpResponse<String> r = Http.get(base + "/data", "Authorization", "Bearer " + token,
                "X-Consumer", "spoofed");

        assertThat(r.statusCode()).isEqualTo(200);
        var echo = Http.json(r.body());
        assertThat(Http.seen(echo, "X-Consumer")).isEqualTo("svc-" + token.substring(0, 4));
        assertThat(Http.seen(echo, "X-Scopes")).isEqualTo("read");
    }

    @Test
    void inactiveExpiredAndMissingTokensAre401() {
        int before = api.requests.get();

        HttpResponse<String> inactive = call("never-issued");
        HttpResponse<String> expired = call(token(in(-5)));
        HttpResponse<String> missing = Http.get(base + "/data");

        assertThat(inactive.statusCode()).isEqualTo(401);
        assertThat(inactive.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(api.requests.get()).isEqualTo(before);
    }

    @Test
    void answersAreCachedPerToken() {
        String token = token(in(300));
        String inactive = "inactive-" + UUID.randomUUID();
        int before = idp.introspectionCalls.get();

        for (int i = 0; i < 4; i++) {
            assertThat(call(token).statusCode()).isEqualTo(200);
            assertThat(call(inactive).statusCode()).isEqualTo(401);
        }

        assertThat(idp.introspectionCalls.get() - before).isEqualTo(2);
    }

    @Test
    void cachingEndsAtTheTokensExp() {
        String token = token(in(2));
        int before = idp.introspectionCalls.get();
        assertThat(call(token).statusCode()).isEqualTo(200);
        idp.activate(token, Map.of("sub", "renewed", "exp", in(300)));

        Eventually.await(Duration.ofSeconds(6), "a new introspection after exp",
                () -> call(token).statusCode() == 200 && idp.introspectionCalls.get() - before == 2);

        HttpResponse<String> r = call(token);
        assertThat(Http.seen(Http.json(r.body()), "X-Consumer")).isEqualTo("renewed");
    }

    @Test
    void introspectionServerErrorsAre503() {
        idp.introspectionStatus = 502;
        int before = api.requests.get();

        HttpResponse<String> r = call(token(in(300)));

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(api.requests.get()).isEqualTo(before);
    }
}

package dev.gatehouse.identity.introspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.Consumer;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.StandardAttributes;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.identity.oidc.LoopRunner;
import dev.gatehouse.identity.oidc.TestOpenIdProvider;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.FreePort;
import dev.gatehouse.testing.exchange.Exchange;
import dev.gatehouse.testing.exchange.TestBuildContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IntrospectionMiddlewareTest {
    static TestOpenIdProvider idp;
    static LoopRunner runner;
    static ExecutorService executor;

    @BeforeAll
    static void start() {
        idp = TestOpenIdProvider.start();
        runner = new LoopRunner();
        executor = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    static void stop() {
        idp.close();
        runner.close();
        executor.shutdownNow();
    }

    @BeforeEach
    void reset() {
        idp.introspectionStatus = 0;
        idp.introspectionGate = null;
    }

    static IntrospectionSpec spec(String url, String authMethod, Duration cacheTtl, Duration inactiveTtl) {
        return new IntrospectionSpec(url, TestOpenIdProvider.CLIENT_ID, TestOpenIdProvider.CLIENT_SECRET,
                authMethod, "access_token", Map.of("X-Consumer", "sub", "X-Scope", "scope"), null, cacheTtl,
                inactiveTtl, Duration.ofSeconds(3));
    }

    static Middleware build(IntrospectionSpec spec) {
        return new IntrospectionFactory().create(spec, new TestBuildContext(Path.of("."), executor));
    }

    static Middleware standard() {
        return build(spec(idp.issuer() + "/introspect", null, null, null));
    }

    static Exchange bearer(String token) {
        return Exchange.of("GET", "/api", "127.0.0.1", false, runner.loop()).header("Authorization", "Bearer " + token);
    }

    static String activeToken(long expSeconds) {
        String token = UUID.randomUUID().toString();
        idp.activate(token, Map.of("sub", "svc-1", "scope", "read write", "exp", expSeconds, "groups", List.of("ops")));
        return token;
    }

    static long inSeconds(long s) {
        return System.currentTimeMillis() / 1000 + s;
    }

    @Test
    void activeTokenSetsTheConsumerAndForwardsClaims() {
        String token = activeToken(inSeconds(300));
        Exchange ex = bearer(token).header("X-Consumer", "spoofed");

        HttpResponse r = runner.run(ex, standard());

        assertThat(r.status()).isEqualTo(200);
        Consumer c = ex.context().get(StandardAttributes.CONSUMER);
        assertThat(c.id()).isEqualTo("svc-1");
        assertThat(c.method()).isEqualTo("oauth2Introspection");
        assertThat(c.scopes()).containsExactly("read", "write");
        assertThat(c.groups()).containsExactly("ops");
        assertThat(ex.seen().headers().getAll("X-Consumer")).containsExactly("svc-1");
        assertThat(ex.seen().headers().get("X-Scope")).isEqualTo("read write");
    }

    @Test
    void inactiveTokenIs401InvalidToken() {
        Exchange ex = bearer("unknown-token");

        HttpResponse r = runner.run(ex, standard());

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers().get("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(ex.reachedService()).isFalse();
    }

    @Test
    void missingTokenIsChallenged() {
        Exchange ex = Exchange.of("GET", "/api", "127.0.0.1", false, runner.loop());

        HttpResponse r = runner.run(ex, standard());

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers().get("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void activeAnswersAreCachedAndClientSecretPostWorks() {
        Middleware m = build(spec(idp.issuer() + "/introspect", "client_secret_post", null, null));
        String token = activeToken(inSeconds(300));
        int before = idp.introspectionCalls.get();

        for (int i = 0; i < 3; i++) {
            assertThat(runner.run(bearer(token), m).status()).isEqualTo(200);
        }

        assertThat(idp.introspectionCalls.get() - before).isEqualTo(1);
    }

    @Test
    void concurrentRequestsForOneTokenShareOneCall() throws Exception {
        Middleware m = standard();
        String token = activeToken(inSeconds(300));
        CountDownLatch gate = new CountDownLatch(1);
        idp.introspectionGate = gate;
        int before = idp.introspectionCalls.get();
        List<CompletableFuture<HttpResponse>> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(runner.start(bearer(token), m));
        }
        Eventually.await(Duration.ofSeconds(5), "the call to arrive", () -> idp.introspectionCalls.get() > before);
        gate.countDown();

        for (CompletableFuture<HttpResponse> f : all) {
            assertThat(f.get().status()).isEqualTo(200);
        }
        assertThat(idp.introspectionCalls.get() - before).isEqualTo(1);
    }

    @Test
    void cachingNeverOutlivesTheTokensExp() {
        Middleware m = standard();
        String token = activeToken(inSeconds(2));
        int before = idp.introspectionCalls.get();
        assertThat(runner.run(bearer(token), m).status()).isEqualTo(200);
        // The server renews the token; the gateway sees it only once its cached answer (bounded by exp) ends.
        idp.activate(token, Map.of("sub", "svc-1", "exp", inSeconds(300)));
        assertThat(runner.run(bearer(token), m).status()).isEqualTo(200);
        assertThat(idp.introspectionCalls.get() - before).isEqualTo(1);
        long start = System.nanoTime();

        Eventually.await(Duration.ofSeconds(6), "a second introspection after exp",
                () -> runner.run(bearer(token), m).status() == 200 && idp.introspectionCalls.get() - before == 2);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void activeAnswerPastItsExpIsRefused() {
        String token = UUID.randomUUID().toString();
        idp.activate(token, Map.of("sub", "svc-1", "exp", inSeconds(-10)));

        HttpResponse r = runner.run(bearer(token), standard());

        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void inactiveAnswersAreCachedBriefly() {
        Middleware m = build(spec(idp.issuer() + "/introspect", null, null, Duration.ofSeconds(1)));
        String token = UUID.randomUUID().toString();
        int before = idp.introspectionCalls.get();
        assertThat(runner.run(bearer(token), m).status()).isEqualTo(401);
        assertThat(runner.run(bearer(token), m).status()).isEqualTo(401);
        assertThat(idp.introspectionCalls.get() - before).isEqualTo(1);

        idp.activate(token, Map.of("sub", "late", "exp", inSeconds(300)));

        Eventually.await(Duration.ofSeconds(5), "the inactive answer to expire",
                () -> runner.run(bearer(token), m).status() == 200);
    }

    @Test
    void endpointErrorsAndOutagesAre503NotCached() {
        Middleware m = standard();
        String token = activeToken(inSeconds(300));
        idp.introspectionStatus = 500;
        assertThat(runner.run(bearer(token), m).status()).isEqualTo(503);

        idp.introspectionStatus = 0;
        assertThat(runner.run(bearer(token), m).status()).isEqualTo(200);

        Middleware down = build(spec("http://127.0.0.1:" + FreePort.next() + "/introspect", null, null, null));
        Exchange ex = bearer(token);
        assertThat(runner.run(ex, down).status()).isEqualTo(503);
        assertThat(ex.reachedService()).isFalse();
    }

    @Test
    void specIsValidated() {
        assertThatThrownBy(() -> build(spec("ftp://x", null, null, null))).isInstanceOf(InvalidSpecException.class)
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("url");
        assertThatThrownBy(() -> build(spec(idp.issuer(), "private_key_jwt", null, null)))
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("authMethod");
        assertThatThrownBy(() -> build(spec(idp.issuer(), null, Duration.ofSeconds(-1), null)))
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("cacheTtl");
    }

    @Test
    void cacheKeyIsTheTokensHash() {
        assertThat(IntrospectionClient.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}

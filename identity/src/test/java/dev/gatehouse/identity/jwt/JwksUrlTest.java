package dev.gatehouse.identity.jwt;

import static dev.gatehouse.identity.jwt.JwtTestSupport.bearer;
import static dev.gatehouse.identity.jwt.JwtTestSupport.build;
import static dev.gatehouse.identity.jwt.JwtTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.exchange.Exchange;
import io.netty.channel.DefaultEventLoop;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Keys from a JWKS URL served by a real HTTP server. */
class JwksUrlTest {
    private static final DefaultEventLoop LOOP = new DefaultEventLoop();

    @AfterAll
    static void stop() {
        LOOP.shutdownGracefully();
    }

    private static String token(String kid) {
        return TestTokens.rs256(TestTokens.RSA, kid, TestTokens.claims().build());
    }

    @Test
    void requestsBeforeTheFirstFetchWaitForIt() throws Exception {
        try (JwksServer server = new JwksServer(TestTokens.jwks(TestTokens.rsaJwk(TestTokens.RSA, "k1")));
             ClosingBuildContext ctx = new ClosingBuildContext(null)) {
            server.hold();
            Middleware m = build("jwksUrl: " + server.url() + "\n", ctx);
            Exchange ex = bearer(LOOP, token("k1"));
            HttpResponse r = LOOP.submit(() -> ex.run(m)).get();
            Eventually.await(Duration.ofSeconds(5), "the first fetch to start", () -> server.requests() == 1);
            assertThat(LOOP.submit(r::isReady).get()).as("answered before the keys came").isFalse();
            server.release();
            Eventually.await(Duration.ofSeconds(5), "the response", () -> ready(r));
            assertThat(r.status()).isEqualTo(200);
            assertThat(ex.reachedService()).isTrue();
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    @Test
    void aRotatedKeyIsAcceptedAfterTheRefetch() throws Exception {
        try (JwksServer server = new JwksServer(TestTokens.jwks(TestTokens.rsaJwk(TestTokens.RSA, "k1")));
             ClosingBuildContext ctx = new ClosingBuildContext(null)) {
            Middleware m = build("jwksUrl: " + server.url() + "\n", ctx);
            assertThat(run(LOOP, m, bearer(LOOP, token("k1"))).status()).isEqualTo(200);
            server.serve(TestTokens.jwks(TestTokens.rsaJwk(TestTokens.RSA, "k1"),
                    TestTokens.rsaJwk(TestTokens.RSA2, "k2")));
            String rotated = TestTokens.rs256(TestTokens.RSA2, "k2", TestTokens.claims().build());
            assertThat(run(LOOP, m, bearer(LOOP, rotated)).status()).isEqualTo(200);
            assertThat(server.requests()).isEqualTo(2);
            // Now known: no further fetch.
            assertThat(run(LOOP, m, bearer(LOOP, rotated)).status()).isEqualTo(200);
            assertThat(server.requests()).isEqualTo(2);
        }
    }

    @Test
    void aFloodOfUnknownKidsFetchesAtMostOncePerWindow() throws Exception {
        try (JwksServer server = new JwksServer(TestTokens.jwks(TestTokens.rsaJwk(TestTokens.RSA, "k1")));
             ClosingBuildContext ctx = new ClosingBuildContext(null)) {
            Middleware m = build("jwksUrl: " + server.url() + "\n", ctx);
            assertThat(run(LOOP, m, bearer(LOOP, token("k1"))).status()).isEqualTo(200);
            for (int i = 0; i < 200; i++) {
                Exchange ex = bearer(LOOP, token("unknown-" + i));
                assertThat(run(LOOP, m, ex).status()).isEqualTo(401);
                assertThat(ex.reachedService()).isFalse();
            }
            assertThat(server.requests()).as("initial fetch plus one refetch").isEqualTo(2);
            assertThat(run(LOOP, m, bearer(LOOP, token("k1"))).status()).isEqualTo(200);
        }
    }

    @Test
    void aFailingJwksUrlAnswers503NotAnAuthenticationError() throws Exception {
        try (JwksServer server = new JwksServer("{}");
             ClosingBuildContext ctx = new ClosingBuildContext(null)) {
            server.status(500);
            Middleware m = build("jwksUrl: " + server.url() + "\nclientConfig:\n  maxRetries: 1\n", ctx);
            Exchange ex = bearer(LOOP, token("k1"));
            assertThat(run(LOOP, m, ex).status()).isEqualTo(503);
            assertThat(ex.reachedService()).isFalse();
            assertThat(server.requests()).as("one attempt plus one retry").isEqualTo(2);
        }
    }

    @Test
    void anUnknownKidWhileTheProviderFailsIsStill401() throws Exception {
        try (JwksServer server = new JwksServer(TestTokens.jwks(TestTokens.rsaJwk(TestTokens.RSA, "k1")));
             ClosingBuildContext ctx = new ClosingBuildContext(null)) {
            Middleware m = build("jwksUrl: " + server.url() + "\nclientConfig: {maxRetries: 0}\n", ctx);
            assertThat(run(LOOP, m, bearer(LOOP, token("k1"))).status()).isEqualTo(200);
            server.status(500);
            Exchange ex = bearer(LOOP, token("k9"));
            assertThat(run(LOOP, m, ex).status()).isEqualTo(401);
            assertThat(server.requests()).isEqualTo(2);
            assertThat(run(LOOP, m, bearer(LOOP, token("k1"))).status()).as("old keys kept").isEqualTo(200);
        }
    }

    @Test
    void aReloadKeepsTheFetchedKeys() throws Exception {
        try (JwksServer server = new JwksServer(TestTokens.jwks(TestTokens.rsaJwk(TestTokens.RSA, "k1")));
             ClosingBuildContext ctx = new ClosingBuildContext(null)) {
            String yaml = "jwksUrl: " + server.url() + "\n";
            assertThat(run(LOOP, build(yaml, ctx), bearer(LOOP, token("k1"))).status()).isEqualTo(200);
            server.hold();
            Middleware reloaded = build(yaml + "forwardAuthorization: true\n", ctx);
            Exchange ex = bearer(LOOP, token("k1"));
            HttpResponse r = LOOP.submit(() -> ex.run(reloaded)).get();
            assertThat(LOOP.submit(r::isReady).get()).as("answered at once from kept keys").isTrue();
            assertThat(r.status()).isEqualTo(200);
            assertThat(ctx.made()).isEqualTo(1);
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    @Test
    void cacheControlSetsTheRefreshWithinBounds() {
        JwksTiming t = JwksTiming.DEFAULT;
        assertThat(CacheControl.refreshInterval(null, t)).isEqualTo(Duration.ofMinutes(5));
        assertThat(CacheControl.refreshInterval("public, max-age=600", t)).isEqualTo(Duration.ofMinutes(10));
        assertThat(CacheControl.refreshInterval("max-age=1", t)).isEqualTo(Duration.ofSeconds(30));
        assertThat(CacheControl.refreshInterval("max-age=999999", t)).isEqualTo(Duration.ofHours(1));
        assertThat(CacheControl.refreshInterval("no-store", t)).isEqualTo(Duration.ofSeconds(30));
        assertThat(CacheControl.refreshInterval("max-age=abc", t)).isEqualTo(Duration.ofMinutes(5));
    }

    private static boolean ready(HttpResponse r) {
        try {
            return LOOP.submit(r::isReady).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

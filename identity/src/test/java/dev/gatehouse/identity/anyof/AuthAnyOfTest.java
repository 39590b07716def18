package dev.gatehouse.identity.anyof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatehouse.config.SpecBinder;
import dev.gatehouse.core.Consumer;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.StandardAttributes;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.identity.apikey.ApiKeyFactory;
import dev.gatehouse.identity.apikey.ApiKeySpec;
import dev.gatehouse.identity.jwt.ClosingBuildContext;
import dev.gatehouse.identity.jwt.JwksServer;
import dev.gatehouse.identity.jwt.JwtTestSupport;
import dev.gatehouse.identity.jwt.TestTokens;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.exchange.Exchange;
import dev.gatehouse.testing.exchange.TestBuildContext;
import io.netty.channel.DefaultEventLoop;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class AuthAnyOfTest {
    private static final DefaultEventLoop LOOP = new DefaultEventLoop();
    private static final String KEY = "k-anyof-0123456789abcdef";
    private static final String DIGEST = sha256Hex(KEY);

    @AfterAll
    static void stop() {
        LOOP.shutdownGracefully();
    }

    private static String sha256Hex(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Middleware apiKey() {
        try {
            ApiKeySpec spec = SpecBinder.bind(new YAMLMapper().readTree("keySource: {header: X-Api-Key}\n"
                    + "keys: [{sha256: " + DIGEST + ", consumer: robot}]\n"), ApiKeySpec.class, "k", null);
            return new ApiKeyFactory().create(spec, TestBuildContext.simple());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Middleware anyOf(Middleware jwt, boolean anonymous) {
        TestBuildContext ctx = TestBuildContext.simple().with("jwt", jwt).with("key", apiKey());
        return new AuthAnyOfFactory().create(new AuthAnyOfSpec(List.of("jwt", "key"), anonymous), ctx);
    }

    private static Middleware secretJwt() {
        return JwtTestSupport.build("signingSecret: " + TestTokens.SECRET + "\n");
    }

    private static String goodJwt() {
        return TestTokens.hs256(TestTokens.claims().build());
    }

    private static String expiredJwt() {
        return TestTokens.hs256(TestTokens.claims().expirationTime(new Date(1000)).build());
    }

    private static Exchange request() {
        return Exchange.of("GET", "/", "10.0.0.1", false, LOOP);
    }

    @Test
    void theFirstSuccessWinsAndOnlyItsEditApplies() {
        Middleware m = anyOf(secretJwt(), false);
        Exchange ex = request().header("Authorization", "Bearer " + goodJwt()).header("X-Api-Key", KEY);
        assertThat(JwtTestSupport.run(LOOP, m, ex).status()).isEqualTo(200);
        assertThat(ex.context().get(StandardAttributes.CONSUMER).method()).isEqualTo("jwt");
        assertThat(ex.seen().headers().contains("Authorization")).isFalse();
        assertThat(ex.seen().headers().get("X-Api-Key")).isEqualTo(KEY);
    }

    @Test
    void aFailureDoesNotStopTheSearch() {
        Middleware m = anyOf(secretJwt(), false);
        Exchange ex = request().header("Authorization", "Bearer " + expiredJwt()).header("X-Api-Key", KEY);
        assertThat(JwtTestSupport.run(LOOP, m, ex).status()).isEqualTo(200);
        Consumer c = ex.context().get(StandardAttributes.CONSUMER);
        assertThat(c.id()).isEqualTo("robot");
        assertThat(c.method()).isEqualTo("apiKey");
        assertThat(ex.seen().headers().contains("Authorization")).as("the failed jwt edited nothing").isTrue();
        assertThat(ex.seen().headers().contains("X-Api-Key")).isFalse();
    }

    @Test
    void whenNothingSucceedsTheFirstFailureAnswers() {
        Middleware m = anyOf(secretJwt(), true);
        Exchange ex = request().header("Authorization", "Bearer " + expiredJwt()).header("X-Api-Key", "wrong");
        HttpResponse r = JwtTestSupport.run(LOOP, m, ex);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers().get("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(ex.reachedService()).isFalse();
        Exchange keyOnly = request().header("X-Api-Key", "wrong");
        HttpResponse r2 = JwtTestSupport.run(LOOP, m, keyOnly);
        assertThat(r2.status()).isEqualTo(401);
        assertThat(r2.headers().get("WWW-Authenticate")).isEqualTo("ApiKey");
    }

    @Test
    void noCredentialsGetTheFirstChallengeOrTheAnonymousConsumer() {
        Exchange closed = request();
        HttpResponse r = JwtTestSupport.run(LOOP, anyOf(secretJwt(), false), closed);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers().get("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(closed.reachedService()).isFalse();

        Exchange open = request();
        assertThat(JwtTestSupport.run(LOOP, anyOf(secretJwt(), true), open).status()).isEqualTo(200);
        assertThat(open.context().get(StandardAttributes.CONSUMER).isAnonymous()).isTrue();
    }

    @Test
    void pendingResultsAreAwaitedInOrder() throws Exception {
        try (JwksServer server = new JwksServer(TestTokens.jwks(TestTokens.rsaJwk(TestTokens.RSA, "k1")));
             ClosingBuildContext ctx = new ClosingBuildContext(null)) {
            server.hold();
            Middleware jwt = JwtTestSupport.build("jwksUrl: " + server.url() + "\n", ctx);
            Middleware m = anyOf(jwt, false);
            String token = TestTokens.rs256(TestTokens.RSA, "k1", TestTokens.claims().build());
            Exchange both = request().header("Authorization", "Bearer " + token).header("X-Api-Key", KEY);
            HttpResponse r = LOOP.submit(() -> both.run(m)).get();
            Eventually.await(Duration.ofSeconds(5), "the JWKS fetch", () -> server.requests() == 1);
            assertThat(LOOP.submit(r::isReady).get()).as("the api key did not jump the queue").isFalse();
            server.release();
            Eventually.await(Duration.ofSeconds(5), "the response", () -> both.reachedService());
            assertThat(both.context().get(StandardAttributes.CONSUMER).method()).isEqualTo("jwt");

            String forged = TestTokens.rs256(TestTokens.RSA2, "k1", TestTokens.claims().build());
            Exchange fallback = request().header("Authorization", "Bearer " + forged).header("X-Api-Key", KEY);
            assertThat(JwtTestSupport.run(LOOP, m, fallback).status()).isEqualTo(200);
            assertThat(fallback.context().get(StandardAttributes.CONSUMER).method()).isEqualTo("apiKey");
        }
    }

    @Test
    void onlyAuthenticationMiddlewaresMayBeListed() {
        Middleware plain = (ctx, req, next) -> next.handle(ctx, req);
        TestBuildContext ctx = TestBuildContext.simple().with("headers", plain);
        assertThatThrownBy(() -> new AuthAnyOfFactory().create(new AuthAnyOfSpec(List.of("headers"), null), ctx))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> {
                    assertThat(e.keyPath()).isEqualTo("middlewares[0]");
                    assertThat(e.getMessage()).contains("not an authentication middleware");
                });
        assertThatThrownBy(() -> new AuthAnyOfFactory().create(new AuthAnyOfSpec(List.of("missing"), null), ctx))
                .isInstanceOfSatisfying(InvalidSpecException.class, e ->
                        assertThat(e.keyPath()).isEqualTo("middlewares[0]"));
        assertThatThrownBy(() -> new AuthAnyOfFactory().create(new AuthAnyOfSpec(List.of(), null), ctx))
                .isInstanceOf(InvalidSpecException.class);
    }
}

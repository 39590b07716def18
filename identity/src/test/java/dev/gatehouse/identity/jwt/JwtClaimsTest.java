package dev.gatehouse.identity.jwt;

import static dev.gatehouse.identity.jwt.JwtTestSupport.bearer;
import static dev.gatehouse.identity.jwt.JwtTestSupport.build;
import static dev.gatehouse.identity.jwt.JwtTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.testing.exchange.Exchange;
import io.netty.channel.DefaultEventLoop;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The {@code claims} check, in Traefik Hub's syntax and in CEL. */
class JwtClaimsTest {
    private static final DefaultEventLoop LOOP = new DefaultEventLoop();

    @AfterAll
    static void stop() {
        LOOP.shutdownGracefully();
    }

    private static Middleware withClaims(String expression) {
        return build("signingSecret: " + TestTokens.SECRET + "\nclaims: '" + expression.replace("'", "''") + "'\n");
    }

    private static int status(Middleware m, JWTClaimsSet claims) {
        return run(LOOP, m, bearer(LOOP, TestTokens.hs256(claims))).status();
    }

    @Test
    void hubSyntaxFromTheDocumentedExample() {
        Middleware m = withClaims("Equals(`grp`, `admin`) && SplitContains(`scope`, ` `, `writer`)"
                + " && Contains(`areas`, `home`) && !Equals(`grp`, `testers`)");
        JWTClaimsSet ok = TestTokens.claims().claim("grp", "admin").claim("scope", "reader writer deploy")
                .claim("areas", List.of("office", "home")).build();
        JWTClaimsSet notWriter = TestTokens.claims().claim("grp", "admin").claim("scope", "reader")
                .claim("areas", List.of("home")).build();
        assertThat(status(m, ok)).isEqualTo(200);
        assertThat(status(m, notWriter)).isEqualTo(403);
    }

    @Test
    void nestedClaimsInHubSyntax() {
        Middleware m = withClaims("Equals(`user.name`, `John Snow`)");
        assertThat(status(m, TestTokens.claims().claim("user", Map.of("name", "John Snow")).build())).isEqualTo(200);
        assertThat(status(m, TestTokens.claims().claim("user", Map.of("name", "Arya")).build())).isEqualTo(403);
        assertThat(status(m, TestTokens.claims().build())).as("a missing claim fails closed").isEqualTo(403);
    }

    @Test
    void celExpressions() {
        Middleware m = withClaims("claims.grp == 'admin' && claims.level >= 3");
        assertThat(status(m, TestTokens.claims().claim("grp", "admin").claim("level", 5).build())).isEqualTo(200);
        assertThat(status(m, TestTokens.claims().claim("grp", "admin").claim("level", 1).build())).isEqualTo(403);
    }

    @Test
    void aFailedCheckIs403InsufficientScopeAndNeverReachesTheService() {
        Middleware m = withClaims("Equals(`grp`, `admin`)");
        Exchange ex = bearer(LOOP, TestTokens.hs256(TestTokens.claims().claim("grp", "dev").build()));
        HttpResponse r = run(LOOP, m, ex);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.headers().get("WWW-Authenticate")).isEqualTo("Bearer error=\"insufficient_scope\"");
        assertThat(ex.reachedService()).isFalse();
        assertThat(ex.context().errorDetail()).isEqualTo("jwt: claims check failed");
    }

    @Test
    void signatureAndExpiryAreCheckedBeforeClaims() {
        Middleware m = withClaims("Equals(`grp`, `admin`)");
        String forged = TestTokens.sign(new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256),
                TestTokens.claims().claim("grp", "admin").build(),
                "another-secret-another-secret-xx".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(run(LOOP, m, bearer(LOOP, forged)).status()).isEqualTo(401);
    }

    @Test
    void aBadExpressionIsAConfigError() {
        assertThatThrownBy(() -> withClaims("claims.grp ==")).isInstanceOfSatisfying(InvalidSpecException.class,
                e -> assertThat(e.keyPath()).isEqualTo("claims"));
        assertThatThrownBy(() -> withClaims("Equals(`grp`")).isInstanceOf(InvalidSpecException.class);
    }
}

package dev.gatehouse.identity.jwt;

import static dev.gatehouse.identity.jwt.JwtTestSupport.bearer;
import static dev.gatehouse.identity.jwt.JwtTestSupport.build;
import static dev.gatehouse.identity.jwt.JwtTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import dev.gatehouse.core.Consumer;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.StandardAttributes;
import dev.gatehouse.core.auth.AuthResult;
import dev.gatehouse.core.auth.Authenticator;
import dev.gatehouse.testing.exchange.Exchange;
import io.netty.channel.DefaultEventLoop;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtMiddlewareTest {
    private static final DefaultEventLoop LOOP = new DefaultEventLoop();
    private static final String SECRET_YAML = "signingSecret: " + TestTokens.SECRET + "\n";

    @AfterAll
    static void stop() {
        LOOP.shutdownGracefully();
    }

    @Test
    void validTokenSetsTheConsumerForwardsClaimsAndStripsAuthorization() {
        Middleware m = build(SECRET_YAML + """
                forwardHeaders:
                  Group: grp
                  X-User-Name: user.name
                  X-Missing: nothere
                planClaim: tier
                """);
        String token = TestTokens.hs256(TestTokens.claims().claim("grp", "admin")
                .claim("groups", List.of("ops", "dev")).claim("scope", "read write")
                .claim("tier", "gold").claim("user", Map.of("name", "Alice A")).build());
        Exchange ex = bearer(LOOP, token).header("Group", "forged");
        HttpResponse r = run(LOOP, m, ex);

        assertThat(r.status()).isEqualTo(200);
        Consumer c = ex.context().get(StandardAttributes.CONSUMER);
        assertThat(c.id()).isEqualTo("alice");
        assertThat(c.groups()).containsExactly("ops", "dev");
        assertThat(c.scopes()).containsExactly("read", "write");
        assertThat(c.plan()).isEqualTo("gold");
        assertThat(c.method()).isEqualTo("jwt");
        assertThat(c.claims()).containsEntry("grp", "admin");
        assertThat(ex.context().get(StandardAttributes.CLIENT_USERNAME)).isEqualTo("alice");
        assertThat(ex.seen().headers().get("Authorization")).isNull();
        assertThat(ex.seen().headers().getAll("Group")).containsExactly("admin");
        assertThat(ex.seen().headers().get("X-User-Name")).isEqualTo("Alice A");
        assertThat(ex.seen().headers().get("X-Missing")).isEmpty();
    }

    @Test
    void forwardAuthorizationKeepsTheHeader() {
        Middleware m = build(SECRET_YAML + "forwardAuthorization: true\n");
        String token = TestTokens.hs256(TestTokens.claims().build());
        Exchange ex = bearer(LOOP, token);
        assertThat(run(LOOP, m, ex).status()).isEqualTo(200);
        assertThat(ex.seen().headers().get("Authorization")).isEqualTo("Bearer " + token);
    }

    @Test
    void olderStripAuthorizationHeaderFalseKeepsTheHeader() {
        Middleware m = build(SECRET_YAML + "stripAuthorizationHeader: false\n");
        Exchange ex = bearer(LOOP, TestTokens.hs256(TestTokens.claims().build()));
        assertThat(run(LOOP, m, ex).status()).isEqualTo(200);
        assertThat(ex.seen().headers().get("Authorization")).startsWith("Bearer ");
    }

    @Test
    void noTokenIsChallengedWithBearer() {
        Middleware m = build(SECRET_YAML);
        Exchange ex = Exchange.of("GET", "/api", "10.0.0.1", false, LOOP);
        HttpResponse r = run(LOOP, m, ex);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers().get("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(ex.reachedService()).isFalse();
    }

    @Test
    void anotherSchemeIsAbsentSoAnotherAuthenticatorMayTry() {
        Authenticator a = (Authenticator) build(SECRET_YAML);
        Exchange ex = Exchange.of("GET", "/api").header("Authorization", "Basic YTpi");
        assertThat(a.authenticate(ex.context(), ex.request())).isInstanceOf(AuthResult.Absent.class);
    }

    @Test
    void tokenKeyReadsTheQueryAndRemovesTheParameter() {
        Middleware m = build(SECRET_YAML + "tokenKey: access_token\n");
        String token = TestTokens.hs256(TestTokens.claims().build());
        Exchange ex = Exchange.of("GET", "/api?a=1&access_token=" + token + "&b=2", "10.0.0.1", false, LOOP);
        assertThat(run(LOOP, m, ex).status()).isEqualTo(200);
        assertThat(ex.seen().rawQuery()).isEqualTo("a=1&b=2");
    }

    @Test
    void queryIsIgnoredWithoutTokenKey() {
        Middleware m = build(SECRET_YAML);
        String token = TestTokens.hs256(TestTokens.claims().build());
        Exchange ex = Exchange.of("GET", "/api?access_token=" + token, "10.0.0.1", false, LOOP);
        assertThat(run(LOOP, m, ex).status()).isEqualTo(401);
    }

    @Test
    void base64SecretIsDecoded() {
        String b64 = java.util.Base64.getEncoder().encodeToString(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8));
        Middleware m = build("signingSecret: " + b64 + "\nsigningSecretBase64Encoded: true\n");
        assertThat(run(LOOP, m, bearer(LOOP, TestTokens.hs256(TestTokens.claims().build()))).status())
                .isEqualTo(200);
    }

    @Test
    void publicKeyPemVerifiesRs256() {
        Middleware m = build("publicKey: |\n" + TestTokens.pem(TestTokens.RSA).indent(2));
        assertThat(run(LOOP, m, bearer(LOOP, TestTokens.rs256(TestTokens.RSA, null, TestTokens.claims().build())))
                .status()).isEqualTo(200);
        assertThat(run(LOOP, m, bearer(LOOP, TestTokens.rs256(TestTokens.RSA2, null, TestTokens.claims().build())))
                .status()).isEqualTo(401);
    }

    @Test
    void jwksFileVerifiesRsaEcAndEd25519ByKid(@TempDir Path dir) throws Exception {
        String set = "{\"keys\":[" + TestTokens.rsaJwk(TestTokens.RSA, "r1").toJSONString() + ","
                + TestTokens.ecJwk("e1").toJSONString() + "," + TestTokens.edJwkJson("d1") + "]}";
        Files.writeString(dir.resolve("jwks.json"), set);
        Middleware m = build("jwksFile: jwks.json\n", new ClosingBuildContext(dir));
        assertThat(run(LOOP, m, bearer(LOOP, TestTokens.rs256(TestTokens.RSA, "r1", TestTokens.claims().build())))
                .status()).isEqualTo(200);
        assertThat(run(LOOP, m, bearer(LOOP, TestTokens.es256("e1", TestTokens.claims().build()))).status())
                .isEqualTo(200);
        assertThat(run(LOOP, m, bearer(LOOP, TestTokens.eddsa("d1", TestTokens.claims().build()))).status())
                .isEqualTo(200);
        // The right key id with another key's signature fails.
        assertThat(run(LOOP, m, bearer(LOOP, TestTokens.rs256(TestTokens.RSA2, "r1", TestTokens.claims().build())))
                .status()).isEqualTo(401);
    }

    @Test
    void jwksFileMayBeTheJsonItself() {
        Middleware m = build("jwksFile: '" + TestTokens.jwks(TestTokens.rsaJwk(TestTokens.RSA, "r1")) + "'\n");
        assertThat(run(LOOP, m, bearer(LOOP, TestTokens.rs256(TestTokens.RSA, "r1", TestTokens.claims().build())))
                .status()).isEqualTo(200);
    }

    @Test
    void severalIssuersEachWithItsOwnKey() {
        Middleware m = build("""
                issuers:
                  - issuer: https://a.example
                    signingSecret: %s
                  - issuer: https://b.example
                    publicKey: |
                %s
                """.formatted(TestTokens.SECRET, TestTokens.pem(TestTokens.RSA).indent(6)));
        String a = TestTokens.hs256(TestTokens.claims().issuer("https://a.example").build());
        String b = TestTokens.rs256(TestTokens.RSA, null, TestTokens.claims().issuer("https://b.example").build());
        String bWithAKey = TestTokens.hs256(TestTokens.claims().issuer("https://b.example").build());
        String other = TestTokens.hs256(TestTokens.claims().issuer("https://c.example").build());
        String none = TestTokens.hs256(TestTokens.claims().build());
        assertThat(run(LOOP, m, bearer(LOOP, a)).status()).isEqualTo(200);
        assertThat(run(LOOP, m, bearer(LOOP, b)).status()).isEqualTo(200);
        assertThat(run(LOOP, m, bearer(LOOP, bWithAKey)).status()).isEqualTo(401);
        assertThat(run(LOOP, m, bearer(LOOP, other)).status()).isEqualTo(401);
        assertThat(run(LOOP, m, bearer(LOOP, none)).status()).isEqualTo(401);
    }

    @Test
    void issuerStringsRestrictTheTopLevelKey() {
        Middleware m = build(SECRET_YAML + "issuers: [https://a.example]\n");
        assertThat(run(LOOP, m, bearer(LOOP, TestTokens.hs256(TestTokens.claims().issuer("https://a.example")
                .build()))).status()).isEqualTo(200);
        assertThat(run(LOOP, m, bearer(LOOP, TestTokens.hs256(TestTokens.claims().issuer("https://x.example")
                .build()))).status()).isEqualTo(401);
        assertThat(run(LOOP, m, bearer(LOOP, TestTokens.hs256(TestTokens.claims().build()))).status())
                .isEqualTo(401);
    }

    @Test
    void audiencesMustBeNamed() {
        Middleware m = build(SECRET_YAML + "audiences: [api, other]\n");
        assertThat(run(LOOP, m, bearer(LOOP, TestTokens.hs256(TestTokens.claims().audience(List.of("x", "api"))
                .build()))).status()).isEqualTo(200);
        assertThat(run(LOOP, m, bearer(LOOP, TestTokens.hs256(TestTokens.claims().build()))).status())
                .isEqualTo(401);
    }

    @Test
    void leewayAllowsSmallClockSkewOnly() {
        Middleware m = build(SECRET_YAML + "leeway: 30s\n");
        long now = System.currentTimeMillis();
        String recentlyExpired = TestTokens.hs256(TestTokens.claims().expirationTime(new Date(now - 10_000)).build());
        String longExpired = TestTokens.hs256(TestTokens.claims().expirationTime(new Date(now - 60_000)).build());
        String soonValid = TestTokens.hs256(TestTokens.claims().notBeforeTime(new Date(now + 10_000)).build());
        assertThat(run(LOOP, m, bearer(LOOP, recentlyExpired)).status()).isEqualTo(200);
        assertThat(run(LOOP, m, bearer(LOOP, longExpired)).status()).isEqualTo(401);
        assertThat(run(LOOP, m, bearer(LOOP, soonValid)).status()).isEqualTo(200);
    }

    @Test
    void issuedInTheFutureIsRejected() {
        Middleware m = build(SECRET_YAML);
        String token = TestTokens.hs256(TestTokens.claims().issueTime(new Date(System.currentTimeMillis() + 120_000))
                .build());
        assertThat(run(LOOP, m, bearer(LOOP, token)).status()).isEqualTo(401);
    }

    @Test
    void consumerClaimAndFallbacks() {
        Middleware custom = build(SECRET_YAML + "consumerClaim: email\ngroupsClaim: roles\n");
        Exchange ex = bearer(LOOP, TestTokens.hs256(TestTokens.claims().claim("email", "a@example.com")
                .claim("roles", "admin").claim("scp", List.of("read")).build()));
        assertThat(run(LOOP, custom, ex).status()).isEqualTo(200);
        Consumer c = ex.context().get(StandardAttributes.CONSUMER);
        assertThat(c.id()).isEqualTo("a@example.com");
        assertThat(c.groups()).containsExactly("admin");
        assertThat(c.scopes()).containsExactly("read");

        Middleware dflt = build(SECRET_YAML);
        Exchange machine = bearer(LOOP, TestTokens.hs256(TestTokens.claims().subject(null)
                .claim("client_id", "billing-job").build()));
        assertThat(run(LOOP, dflt, machine).status()).isEqualTo(200);
        assertThat(machine.context().get(StandardAttributes.CONSUMER).id()).isEqualTo("billing-job");

        Exchange nobody = bearer(LOOP, TestTokens.hs256(TestTokens.claims().subject(null).build()));
        assertThat(run(LOOP, dflt, nobody).status()).isEqualTo(401);
        assertThat(run(LOOP, custom, bearer(LOOP, TestTokens.hs256(TestTokens.claims().build()))).status())
                .isEqualTo(401);
    }

    @Test
    void explicitAlgorithmsNarrowTheList() {
        Middleware m = build("publicKey: |\n" + TestTokens.pem(TestTokens.RSA).indent(2) + "algorithms: [PS256]\n");
        assertThat(run(LOOP, m, bearer(LOOP, TestTokens.rs256(TestTokens.RSA, null, TestTokens.claims().build())))
                .status()).isEqualTo(401);
        String ps256 = TestTokens.rs256(new JWSHeader(JWSAlgorithm.PS256), TestTokens.RSA, TestTokens.claims().build());
        assertThat(run(LOOP, m, bearer(LOOP, ps256)).status()).isEqualTo(200);
    }

    @Test
    void failureLogReasonNeverHoldsTheToken() {
        Middleware m = build(SECRET_YAML);
        String token = TestTokens.hs256(TestTokens.claims().expirationTime(new Date(1000)).build());
        Exchange ex = bearer(LOOP, token);
        HttpResponse r = run(LOOP, m, ex);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers().get("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(ex.context().errorDetail()).isEqualTo("jwt: token expired").doesNotContain(token);
    }
}

package dev.gatehouse.identity.jwt;

import static dev.gatehouse.identity.jwt.JwtTestSupport.bearer;
import static dev.gatehouse.identity.jwt.JwtTestSupport.build;
import static dev.gatehouse.identity.jwt.JwtTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.testing.exchange.Exchange;
import io.netty.channel.DefaultEventLoop;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Known attacks on JWT verification: each must get 401 invalid_token and never reach the service. */
class JwtAttackTest {
    private static final DefaultEventLoop LOOP = new DefaultEventLoop();
    private static final String PEM = TestTokens.pem(TestTokens.RSA);
    private static final String PUBLIC_KEY_YAML = "publicKey: |\n" + PEM.indent(2);

    @AfterAll
    static void stop() {
        LOOP.shutdownGracefully();
    }

    private static void assertRejected(Middleware m, String token) {
        Exchange ex = bearer(LOOP, token);
        HttpResponse r = run(LOOP, m, ex);
        assertThat(r.status()).as("status").isEqualTo(401);
        assertThat(r.headers().get("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(ex.reachedService()).as("reached the service").isFalse();
        assertThat(ex.context().errorDetail()).doesNotContain(token);
    }

    private static String payload() {
        return TestTokens.b64(TestTokens.claims().build().toString());
    }

    @Test
    void algNoneIsRejected() {
        Middleware m = build("signingSecret: " + TestTokens.SECRET + "\n");
        assertRejected(m, TestTokens.b64("{\"alg\":\"none\"}") + "." + payload() + ".");
        assertRejected(m, TestTokens.b64("{\"alg\":\"none\"}") + "." + payload() + ".c2ln");
        assertRejected(m, TestTokens.b64("{\"alg\":\"NONE\",\"typ\":\"JWT\"}") + "." + payload() + ".c2ln");
    }

    @Test
    void hs256SignedWithThePemPublicKeyIsRejected() {
        Middleware m = build(PUBLIC_KEY_YAML);
        byte[] pemBytes = PEM.getBytes(StandardCharsets.UTF_8);
        assertRejected(m, TestTokens.rawHs256("{\"alg\":\"HS256\"}", TestTokens.claims().build(), pemBytes));
        assertRejected(m, TestTokens.rawHs256("{\"alg\":\"HS256\"}", TestTokens.claims().build(),
                PEM.strip().getBytes(StandardCharsets.UTF_8)));
        assertRejected(m, TestTokens.rawHs256("{\"alg\":\"HS256\"}", TestTokens.claims().build(),
                TestTokens.RSA.getPublic().getEncoded()));
    }

    @Test
    void hs256SignedWithTheJwkPublicKeyIsRejected() {
        String jwk = TestTokens.rsaJwk(TestTokens.RSA, "r1").toJSONString();
        Middleware m = build("jwksFile: '{\"keys\":[" + jwk + "]}'\n");
        assertRejected(m, TestTokens.rawHs256("{\"alg\":\"HS256\",\"kid\":\"r1\"}", TestTokens.claims().build(),
                jwk.getBytes(StandardCharsets.UTF_8)));
        byte[] modulus = ((RSAPublicKey) TestTokens.RSA.getPublic()).getModulus().toByteArray();
        assertRejected(m, TestTokens.rawHs256("{\"alg\":\"HS256\",\"kid\":\"r1\"}", TestTokens.claims().build(),
                modulus));
    }

    @Test
    void expiredTokenIsRejected() {
        Middleware m = build(PUBLIC_KEY_YAML);
        assertRejected(m, TestTokens.rs256(TestTokens.RSA, null, TestTokens.claims()
                .expirationTime(new Date(System.currentTimeMillis() - 1000)).build()));
    }

    @Test
    void notBeforeInTheFutureIsRejected() {
        Middleware m = build(PUBLIC_KEY_YAML);
        assertRejected(m, TestTokens.rs256(TestTokens.RSA, null, TestTokens.claims()
                .notBeforeTime(new Date(System.currentTimeMillis() + 60_000)).build()));
    }

    @Test
    void wrongAudienceIsRejected() {
        Middleware m = build(PUBLIC_KEY_YAML + "audiences: [orders-api]\n");
        assertRejected(m, TestTokens.rs256(TestTokens.RSA, null, TestTokens.claims().audience("billing-api")
                .build()));
    }

    @Test
    void wrongIssuerIsRejected() {
        Middleware m = build(PUBLIC_KEY_YAML + "issuers: [https://idp.example]\n");
        assertRejected(m, TestTokens.rs256(TestTokens.RSA, null, TestTokens.claims().issuer("https://evil.example")
                .build()));
    }

    @Test
    void kidWithPathTraversalOrSqlIsJustAnUnknownKey() {
        Middleware m = build("jwksFile: '" + TestTokens.jwks(TestTokens.rsaJwk(TestTokens.RSA, "r1")) + "'\n");
        for (String kid : List.of("../../etc/passwd", "' OR 1=1 --", "r1/../r1", "/dev/null", "r1\u0000")) {
            assertRejected(m, TestTokens.rs256(TestTokens.RSA, kid, TestTokens.claims().build()));
        }
    }

    @Test
    void keyHeadersPointingElsewhereAreIgnored() throws Exception {
        try (JwksServer attacker = new JwksServer(TestTokens.jwks(TestTokens.rsaJwk(TestTokens.RSA2, "r1")));
             JwksServer real = new JwksServer(TestTokens.jwks(TestTokens.rsaJwk(TestTokens.RSA, "r1")));
             ClosingBuildContext ctx = new ClosingBuildContext(null)) {
            Middleware m = build("jwksUrl: " + real.url() + "\n", ctx);
            RSAKey attackerJwk = TestTokens.rsaJwk(TestTokens.RSA2, "r1");
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("r1")
                    .jwkURL(URI.create(attacker.url())).x509CertURL(URI.create(attacker.url()))
                    .jwk(attackerJwk).x509CertChain(List.of(Base64.encode("not a cert")))
                    .x509CertSHA256Thumbprint(Base64URL.encode("x")).build();
            assertRejected(m, TestTokens.rs256(header, TestTokens.RSA2, TestTokens.claims().build()));
            // The same headers on a token the real key signed change nothing either.
            assertThat(run(LOOP, m, bearer(LOOP, TestTokens.rs256(header, TestTokens.RSA, TestTokens.claims()
                    .build()))).status()).isEqualTo(200);
            assertThat(attacker.requests()).as("requests to the URL named by the token").isZero();
        }
    }

    @Test
    void oversizedTokenIsRejectedBeforeParsing() {
        Middleware m = build(PUBLIC_KEY_YAML);
        String big = TestTokens.rs256(TestTokens.RSA, null, TestTokens.claims().claim("pad", "x".repeat(17_000))
                .build());
        assertThat(big.length()).isGreaterThan(JwtFactory.DEFAULT_MAX_TOKEN_BYTES);
        assertRejected(m, big);
        Middleware small = build(PUBLIC_KEY_YAML + "maxTokenBytes: 300\n");
        assertRejected(small, TestTokens.rs256(TestTokens.RSA, null, TestTokens.claims().build()));
    }

    @Test
    void brokenBase64IsRejected() {
        Middleware m = build(PUBLIC_KEY_YAML);
        String good = TestTokens.rs256(TestTokens.RSA, null, TestTokens.claims().build());
        String[] parts = good.split("\\.");
        assertRejected(m, parts[0] + "." + parts[1] + "!!." + parts[2]);
        assertRejected(m, parts[0] + "=." + parts[1] + "." + parts[2]);
        assertRejected(m, "e30." + parts[1] + "." + parts[2]);
        assertRejected(m, "%%%." + parts[1] + "." + parts[2]);
        assertRejected(m, parts[0] + ".bm90IGpzb24." + parts[2]);
        assertRejected(m, parts[0] + "." + parts[1] + "." + parts[2].substring(1));
    }

    @Test
    void trailingDotOrExtraSegmentIsRejected() {
        Middleware m = build(PUBLIC_KEY_YAML);
        String good = TestTokens.rs256(TestTokens.RSA, null, TestTokens.claims().build());
        assertRejected(m, good + ".");
        assertRejected(m, good + ".e30");
        assertRejected(m, "." + good);
        assertRejected(m, good.replaceFirst("\\.", ".."));
        assertRejected(m, good + " x");
    }

    @Test
    void tamperedPayloadIsRejected() {
        Middleware m = build(PUBLIC_KEY_YAML);
        String good = TestTokens.rs256(TestTokens.RSA, null, TestTokens.claims().build());
        String[] parts = good.split("\\.");
        String forged = TestTokens.b64(TestTokens.claims().subject("admin").build().toString());
        assertRejected(m, parts[0] + "." + forged + "." + parts[2]);
    }
}

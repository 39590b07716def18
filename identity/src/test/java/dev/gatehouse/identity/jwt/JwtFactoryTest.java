package dev.gatehouse.identity.jwt;

import static dev.gatehouse.identity.jwt.JwtTestSupport.build;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.spi.InvalidSpecException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Spec checks: each names its key, and none repeats a secret. */
class JwtFactoryTest {
    private static AbstractThrowableAssert<?, ? extends Throwable> rejects(String yaml, String key) {
        return assertThatThrownBy(() -> build(yaml)).isInstanceOf(InvalidSpecException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((InvalidSpecException) e).keyPath())
                        .isEqualTo(key));
    }

    @Test
    void aKeyIsRequired() {
        rejects("forwardHeaders: {A: b}\n", "").hasMessageContaining("signingSecret, publicKey, jwksFile or jwksUrl");
    }

    @Test
    void onlyOneKeySource() {
        rejects("signingSecret: " + TestTokens.SECRET + "\njwksUrl: https://idp.example/jwks\n", "")
                .hasMessageContaining("exactly one");
    }

    @Test
    void shortSecretsAreRefusedWithoutEchoingThem() {
        rejects("signingSecret: tooshort-secret\n", "signingSecret").hasMessageContaining("32 bytes")
                .hasMessageNotContaining("tooshort-secret");
    }

    @Test
    void noneIsNeverAnAlgorithm() {
        rejects("signingSecret: " + TestTokens.SECRET + "\nalgorithms: [HS256, none]\n", "algorithms")
                .hasMessageContaining("never");
    }

    @Test
    void algorithmFamiliesCannotMix() {
        rejects("publicKey: |\n" + TestTokens.pem(TestTokens.RSA).indent(2) + "algorithms: [HS256]\n", "algorithms");
        rejects("signingSecret: " + TestTokens.SECRET + "\nalgorithms: [RS256]\n", "algorithms");
    }

    @Test
    void relativeOrNonHttpJwksUrlIsRefused() {
        rejects("jwksUrl: /.well-known/jwks.json\n", "jwksUrl").hasMessageContaining("iss");
        rejects("jwksUrl: file:///etc/keys.json\n", "jwksUrl");
    }

    @Test
    void privateKeysAndBadPemAreRefused() {
        rejects("publicKey: |\n  -----BEGIN PRIVATE KEY-----\n  AAAA\n  -----END PRIVATE KEY-----\n", "publicKey")
                .hasMessageContaining("private key").hasMessageNotContaining("AAAA");
        rejects("publicKey: not a pem\n", "publicKey");
    }

    @Test
    void unsupportedHubKeysSayNotSupportedYet() {
        rejects("signingSecret: " + TestTokens.SECRET + "\ntrustedIssuers: [{issuer: x}]\n", "trustedIssuers")
                .hasMessageContaining("not supported yet");
        rejects("jwksUrl: https://idp.example/jwks\nclientConfig:\n  tls:\n    insecureSkipVerify: true\n",
                "clientConfig.tls").hasMessageContaining("not supported yet");
    }

    @Test
    void contradictoryAuthorizationOptions() {
        rejects("signingSecret: " + TestTokens.SECRET + "\nforwardAuthorization: true\n"
                + "stripAuthorizationHeader: true\n", "stripAuthorizationHeader");
    }

    @Test
    void issuerEntriesAreChecked() {
        rejects("issuers:\n  - signingSecret: " + TestTokens.SECRET + "\n", "issuers[0].issuer");
        rejects("issuers:\n  - issuer: a\n", "issuers[0]");
        rejects("issuers:\n  - issuer: a\n    signingSecret: " + TestTokens.SECRET + "\n  - issuer: a\n"
                + "    signingSecret: " + TestTokens.SECRET + "\n", "issuers[1].issuer");
        rejects("issuers: [a]\n", "");
        rejects("signingSecret: " + TestTokens.SECRET + "\nissuers: [42]\n", "issuers[0]");
    }

    @Test
    void limitsAreChecked() {
        rejects("signingSecret: " + TestTokens.SECRET + "\nleeway: -1s\n", "leeway");
        rejects("signingSecret: " + TestTokens.SECRET + "\nmaxTokenBytes: 10\n", "maxTokenBytes");
    }
}

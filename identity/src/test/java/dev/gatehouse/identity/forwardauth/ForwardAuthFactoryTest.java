package dev.gatehouse.identity.forwardauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.testing.exchange.TestBuildContext;
import org.junit.jupiter.api.Test;

class ForwardAuthFactoryTest {
    private static InvalidSpecException invalid(ForwardAuthSpec spec) {
        try {
            new ForwardAuthFactory().create(spec, TestBuildContext.simple());
        } catch (InvalidSpecException e) {
            return e;
        }
        throw new AssertionError("expected an invalid spec");
    }

    @Test
    void addressIsRequiredAndAbsolute() {
        assertThat(invalid(ForwardAuthMiddlewareTest.spec(null)).keyPath()).isEqualTo("address");
        assertThat(invalid(ForwardAuthMiddlewareTest.spec("/auth")).keyPath()).isEqualTo("address");
        assertThat(invalid(ForwardAuthMiddlewareTest.spec("ftp://x/auth")).keyPath()).isEqualTo("address");
    }

    @Test
    void badRegexNamesItsKey() {
        assertThat(invalid(new ForwardAuthSpec("http://a/auth", null, null, null, "(", null, null, null, null, null,
                null, null)).keyPath()).isEqualTo("authResponseHeadersRegex");
    }

    @Test
    void certWithoutKeyAndUnreadableCaAreRefusedWithoutShowingTheKey() {
        assertThat(invalid(new ForwardAuthSpec("https://a/auth", new ForwardAuthTlsSpec(null, "c.pem", null, null,
                null), null, null, null, null, null, null, null, null, null, null)).keyPath()).isEqualTo("tls.key");
        assertThat(invalid(new ForwardAuthSpec("https://a/auth", new ForwardAuthTlsSpec("missing-ca.pem", null, null,
                null, null), null, null, null, null, null, null, null, null, null, null)).keyPath()).isEqualTo("tls.ca");
        ForwardAuthTlsSpec secret = new ForwardAuthTlsSpec(null, "c", "-----BEGIN PRIVATE KEY-----abc", null, null);
        assertThat(secret.toString()).doesNotContain("abc");
        assertThatThrownBy(() -> new ForwardAuthFactory().create(new ForwardAuthSpec("https://a/auth", secret, null,
                null, null, null, null, null, null, null, null, null), TestBuildContext.simple()))
                .isInstanceOf(InvalidSpecException.class).message().doesNotContain("abc");
    }

    @Test
    void canonicalHeaderNamesFollowGo() {
        assertThat(HeaderNames.canonical("x-auth-user")).isEqualTo("X-Auth-User");
        assertThat(HeaderNames.canonical("FOO-bar")).isEqualTo("Foo-Bar");
    }
}

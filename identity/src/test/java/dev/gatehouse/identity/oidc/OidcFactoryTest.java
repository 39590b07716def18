package dev.gatehouse.identity.oidc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.testing.exchange.TestBuildContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OidcFactoryTest {
    private static final String ISSUER = "https://idp.example";

    private static void create(OidcSpec spec) {
        new OidcFactory().create(spec, TestBuildContext.simple());
    }

    private static OidcSpec withSecret(String secret) {
        return OidcSpecs.spec(ISSUER, secret, null, Map.of());
    }

    @Test
    void secretsShorterThan32BytesAreRejected() {
        assertThatThrownBy(() -> create(withSecret("short"))).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("at least 32 bytes")
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("secret");
    }

    @Test
    void documentedKeysThatAreNotImplementedAreRejectedNotIgnored() {
        OidcSpec s = OidcSpecs.spec(ISSUER);
        OidcSpec withClaims = new OidcSpec(s.issuer(), s.clientId(), s.clientSecret(), s.secret(), s.redirectUrl(),
                s.logoutUrl(), s.postLogoutRedirectUrl(), s.scopes(), s.authParams(), s.pkce(), s.session(),
                s.stateCookie(), s.forwardHeaders(), s.consumerClaims(), s.timeout(),
                JsonNodeFactory.instance.textNode("Equals(`grp`, `admin`)"), null, null, null, null, null, null,
                null);
        OidcSpec withCsrf = new OidcSpec(s.issuer(), s.clientId(), s.clientSecret(), s.secret(), s.redirectUrl(),
                s.logoutUrl(), s.postLogoutRedirectUrl(), s.scopes(), s.authParams(), s.pkce(), s.session(),
                s.stateCookie(), s.forwardHeaders(), s.consumerClaims(), s.timeout(), null,
                JsonNodeFactory.instance.objectNode(), null, null, null, null, null, null);
        OidcSpec sliding = OidcSpecs.spec(ISSUER, OidcSpecs.SECRET,
                new SessionSpec(null, null, null, null, null, null, null, null, true, null), Map.of());

        assertThatThrownBy(() -> create(withClaims)).hasMessage("not supported yet")
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("claims");
        assertThatThrownBy(() -> create(withCsrf)).hasMessage("not supported yet")
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("csrf");
        assertThatThrownBy(() -> create(sliding)).hasMessageContaining("not supported yet");
    }

    @Test
    void authParamsCannotReplaceTheFlowsOwnParameters() {
        OidcSpec s = OidcSpecs.spec(ISSUER);
        OidcSpec bad = new OidcSpec(s.issuer(), s.clientId(), s.clientSecret(), s.secret(), s.redirectUrl(),
                s.logoutUrl(), s.postLogoutRedirectUrl(), List.of(), Map.of("state", "fixed"), null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);

        assertThatThrownBy(() -> create(bad)).isInstanceOf(InvalidSpecException.class)
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("authParams.state");
    }

    @Test
    void issuerAndRedirectUrlAreRequired() {
        assertThatThrownBy(() -> create(OidcSpecs.spec(null))).isInstanceOf(InvalidSpecException.class)
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("issuer");
        assertThatThrownBy(() -> create(OidcSpecs.spec("ftp://idp"))).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("http(s) URL");
    }
}

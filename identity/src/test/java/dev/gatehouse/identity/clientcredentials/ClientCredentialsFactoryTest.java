package dev.gatehouse.identity.clientcredentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.testing.exchange.TestBuildContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientCredentialsFactoryTest {
    private static String invalidKey(ClientCredentialsSpec spec) {
        try {
            new ClientCredentialsFactory().create(spec, TestBuildContext.simple());
        } catch (InvalidSpecException e) {
            assertThat(e.getMessage()).doesNotContain("topsecret");
            return e.keyPath();
        }
        throw new AssertionError("expected an invalid spec");
    }

    @Test
    void requiredKeysAndChoicesAreChecked() {
        assertThat(invalidKey(new ClientCredentialsSpec(null, "id", "topsecret", null, null, null, null, null, null)))
                .isEqualTo("tokenUrl");
        assertThat(invalidKey(new ClientCredentialsSpec("/token", "id", "topsecret", null, null, null, null, null,
                null))).isEqualTo("tokenUrl");
        assertThat(invalidKey(new ClientCredentialsSpec("http://a/t", null, "topsecret", null, null, null, null, null,
                null))).isEqualTo("clientId");
        assertThat(invalidKey(new ClientCredentialsSpec("http://a/t", "id", null, null, null, null, null, null,
                null))).isEqualTo("clientSecret");
        assertThat(invalidKey(new ClientCredentialsSpec("http://a/t", "id", "topsecret", null, null, "query", null,
                null, null))).isEqualTo("authStyle");
        assertThat(invalidKey(new ClientCredentialsSpec("http://a/t", "id", "topsecret", null, null, null,
                Map.of("grant_type", "password"), null, null))).isEqualTo("extraParams.grant_type");
        assertThat(invalidKey(new ClientCredentialsSpec("http://a/t", "id", "topsecret", null, null, null, null,
                "Bad Name", null))).isEqualTo("headerName");
    }

    @Test
    void theSecretNeverShowsInTheSpecsText() {
        ClientCredentialsSpec spec = new ClientCredentialsSpec("http://a/t", "id", "topsecret", null, null, null,
                Map.of("k", "topsecret"), null, null);
        assertThat(spec.toString()).doesNotContain("topsecret");
        assertThat(TokenRequest.of(java.net.URI.create("http://a/t"), spec, true).toString())
                .doesNotContain("topsecret");
    }
}

package dev.gatehouse.identity.forwardauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.spi.InvalidSpecException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import org.junit.jupiter.api.Test;

/** Private keys in the PEM forms OpenSSL writes; each test key also exists in PKCS#8, the reference. */
class ClientTlsTest {
    private static String resource(String name) throws IOException {
        try (InputStream in = ClientTlsTest.class.getResourceAsStream("/forwardauth/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void pkcs1RsaKeyReadsAsItsPkcs8Form() throws IOException {
        PrivateKey pkcs1 = ClientTls.privateKey(resource("rsa.pem"));
        PrivateKey pkcs8 = ClientTls.privateKey(resource("rsa8.pem"));
        assertThat(pkcs1.getAlgorithm()).isEqualTo("RSA");
        assertThat(pkcs1.getEncoded()).isEqualTo(pkcs8.getEncoded());
    }

    @Test
    void sec1EcKeyReadsAsItsPkcs8Form() throws IOException {
        PrivateKey sec1 = ClientTls.privateKey(resource("ec.pem"));
        PrivateKey pkcs8 = ClientTls.privateKey(resource("ec8.pem"));
        assertThat(sec1.getAlgorithm()).isEqualTo("EC");
        assertThat(((java.security.interfaces.ECPrivateKey) sec1).getS())
                .isEqualTo(((java.security.interfaces.ECPrivateKey) pkcs8).getS());
    }

    @Test
    void somethingElseIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> ClientTls.privateKey("-----BEGIN PRIVATE KEY-----\nAAAAsecretish\n"
                + "-----END PRIVATE KEY-----\n")).isInstanceOf(InvalidSpecException.class)
                .message().doesNotContain("secretish");
        assertThatThrownBy(() -> ClientTls.privateKey("not a key")).isInstanceOf(InvalidSpecException.class);
    }
}

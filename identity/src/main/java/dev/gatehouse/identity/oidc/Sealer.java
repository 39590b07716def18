package dev.gatehouse.identity.oidc;

import com.nimbusds.jose.CompressionAlgorithm;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts and authenticates cookie contents as a compact JWE ({@code dir} + {@code A256GCM}, deflated). The
 * key is derived from the configured secret and a purpose label, so a state cookie never opens as a session.
 */
final class Sealer {
    /** The shortest secret accepted, in bytes. */
    static final int MIN_SECRET_BYTES = 32;

    private final DirectEncrypter encrypter;
    private final DirectDecrypter decrypter;
    private final JWEHeader header = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
            .compressionAlgorithm(CompressionAlgorithm.DEF).build();

    /**
     * Derives the key.
     *
     * @param secret  the configured secret, at least {@value #MIN_SECRET_BYTES} bytes
     * @param purpose what the sealed values are for ({@code session}, {@code state})
     */
    Sealer(String secret, String purpose) {
        byte[] raw = secret.getBytes(StandardCharsets.UTF_8);
        if (raw.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("secret shorter than " + MIN_SECRET_BYTES + " bytes");
        }
        try {
            // HMAC-SHA256 as the key derivation: a 256-bit key per purpose, whatever the secret's length.
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(raw, "HmacSHA256"));
            byte[] derived = mac.doFinal(("gatehouse oidc " + purpose).getBytes(StandardCharsets.UTF_8));
            SecretKey key = new SecretKeySpec(derived, "AES");
            this.encrypter = new DirectEncrypter(key);
            this.decrypter = new DirectDecrypter(key);
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("cannot derive the sealing key", e);
        }
    }

    /**
     * Seals a JSON object.
     *
     * @param payload the content
     * @return the compact JWE
     */
    String seal(Map<String, Object> payload) {
        try {
            JWEObject jwe = new JWEObject(header, new Payload(payload));
            jwe.encrypt(encrypter);
            return jwe.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot seal", e);
        }
    }

    /**
     * Opens a sealed value.
     *
     * @param sealed the compact JWE
     * @return the content, or null when the value is not one this sealer made (tampered, foreign, malformed)
     */
    Map<String, Object> open(String sealed) {
        if (sealed == null || sealed.isEmpty()) {
            return null;
        }
        try {
            JWEObject jwe = JWEObject.parse(sealed);
            if (!JWEAlgorithm.DIR.equals(jwe.getHeader().getAlgorithm())
                    || !EncryptionMethod.A256GCM.equals(jwe.getHeader().getEncryptionMethod())) {
                return null;
            }
            jwe.decrypt(decrypter);
            return jwe.getPayload().toJSONObject();
        } catch (ParseException | JOSEException | RuntimeException e) {
            return null;
        }
    }
}

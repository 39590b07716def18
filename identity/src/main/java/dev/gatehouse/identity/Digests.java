package dev.gatehouse.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of credentials, for cache keys and stored API keys: a digest stands in for a token or key wherever one
 * would otherwise be kept. One digest object per thread, since hashing runs on the request path.
 */
public final class Digests {
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Digests::newSha256);

    private Digests() {
    }

    /**
     * @param text a token or key
     * @return its SHA-256 digest of the UTF-8 bytes
     */
    public static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param bytes a token or key as sent
     * @return its SHA-256 digest
     */
    public static byte[] sha256(byte[] bytes) {
        return SHA256.get().digest(bytes);
    }

    /**
     * @param text a token or key
     * @return its SHA-256 digest in lower-case hex
     */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}

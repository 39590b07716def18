package dev.gatehouse.identity.apikey;

import dev.gatehouse.core.Consumer;
import dev.gatehouse.identity.Digests;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The accepted keys, by SHA-256 digest. A presented key is hashed and the stored digest confirmed with
 * {@link MessageDigest#isEqual}, which takes the same time wherever the bytes differ. Looking the digest up in a
 * map first reveals at most something about a SHA-256 output, never about a key.
 */
final class ApiKeyStore {
    private final Map<DigestKey, Stored> byDigest;

    /**
     * A stored key.
     *
     * @param digest   the SHA-256 digest
     * @param consumer the consumer it authenticates
     */
    record Stored(byte[] digest, Consumer consumer) {
    }

    /** A digest as a map key (arrays compare by identity). */
    private record DigestKey(long a, long b, long c, long d) {
        static DigestKey of(byte[] digest) {
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(digest);
            return new DigestKey(bb.getLong(), bb.getLong(), bb.getLong(), bb.getLong());
        }
    }

    ApiKeyStore(Map<String, Consumer> byHexDigest) {
        Map<DigestKey, Stored> m = new HashMap<>();
        for (Map.Entry<String, Consumer> e : byHexDigest.entrySet()) {
            byte[] d = HexFormat.of().parseHex(e.getKey());
            m.put(DigestKey.of(d), new Stored(d, e.getValue()));
        }
        this.byDigest = Map.copyOf(m);
    }

    /**
     * @param presented the key bytes the client sent
     * @return the consumer, or null when the key is not accepted
     */
    Consumer find(byte[] presented) {
        byte[] digest = Digests.sha256(presented);
        Stored s = byDigest.get(DigestKey.of(digest));
        return s != null && MessageDigest.isEqual(s.digest(), digest) ? s.consumer() : null;
    }

    /**
     * @param key a key
     * @return its SHA-256 digest in lower-case hex
     */
    static String hex(String key) {
        return Digests.sha256Hex(key);
    }
}

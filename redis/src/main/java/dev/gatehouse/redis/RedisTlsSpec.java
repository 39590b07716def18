package dev.gatehouse.redis;

/**
 * TLS to Redis, with Traefik's {@code redis.tls} keys. Each of {@code ca}, {@code cert} and {@code key} is a file
 * path (relative to the configuration file) or the PEM text itself.
 *
 * @param ca                 the CA bundle that signs the server's certificate; the JDK's trust store when absent
 * @param cert               the client certificate chain, for mutual TLS (needs {@code key})
 * @param key                the client private key (PKCS#8 PEM), for mutual TLS (needs {@code cert}); never
 *                           shown by {@link #toString()}
 * @param insecureSkipVerify accept any server certificate (default false); for tests only
 */
public record RedisTlsSpec(String ca, String cert, String key, Boolean insecureSkipVerify) {
    /** Hides the key, which may be PEM text. */
    @Override
    public String toString() {
        return "RedisTlsSpec[ca=" + (ca == null ? null : shortText(ca)) + ", cert=" + (cert == null ? null
                : shortText(cert)) + ", key=" + (key == null ? "null" : "***") + ", insecureSkipVerify="
                + insecureSkipVerify + "]";
    }

    private static String shortText(String s) {
        return s.startsWith("-----BEGIN") ? "<PEM>" : s;
    }
}

package dev.gatehouse.identity.forwardauth;

/**
 * TLS towards the authentication server (Traefik's {@code ClientTLS}). Each of {@code ca}, {@code cert} and
 * {@code key} is a file name (relative to the config directory) or the PEM text itself.
 *
 * @param ca                 the certificate authorities trusted instead of the system ones; default system
 * @param cert               the client certificate chain, for mutual TLS; needs {@code key}
 * @param key                the client certificate's private key (PKCS#8, PKCS#1 RSA or SEC1 EC; unencrypted)
 * @param insecureSkipVerify accepts any server certificate; default false
 * @param caOptional         deprecated in Traefik and without effect on a client: accepted and ignored
 */
public record ForwardAuthTlsSpec(String ca, String cert, String key, Boolean insecureSkipVerify,
                                 Boolean caOptional) {
    /** Keeps an inline private key out of logs and error messages. */
    @Override
    public String toString() {
        return "ForwardAuthTlsSpec[ca=" + ca + ", cert=" + cert + ", key=" + (key == null ? null : "(hidden)")
                + ", insecureSkipVerify=" + insecureSkipVerify + "]";
    }
}

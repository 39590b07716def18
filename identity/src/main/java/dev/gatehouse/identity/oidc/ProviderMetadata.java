package dev.gatehouse.identity.oidc;

import java.util.Map;

/**
 * The parts of a provider's discovery document the middleware uses.
 *
 * @param issuer                the issuer, equal to the configured one
 * @param authorizationEndpoint where browsers log in
 * @param tokenEndpoint         where codes and refresh tokens are exchanged
 * @param jwksUri               the provider's signing keys
 * @param endSessionEndpoint    RP-initiated logout, or null when the provider has none
 */
record ProviderMetadata(String issuer, String authorizationEndpoint, String tokenEndpoint, String jwksUri,
                        String endSessionEndpoint) {
    /**
     * Reads a discovery document.
     *
     * @param doc      the parsed JSON
     * @param expected the configured issuer
     * @return the metadata
     * @throws IllegalStateException when a required field is missing or the issuer differs
     */
    static ProviderMetadata of(Map<String, Object> doc, String expected) {
        String issuer = string(doc, "issuer", true);
        if (!expected.equals(issuer)) {
            throw new IllegalStateException("discovery issuer " + issuer + " is not the configured " + expected);
        }
        return new ProviderMetadata(issuer, string(doc, "authorization_endpoint", true),
                string(doc, "token_endpoint", true), string(doc, "jwks_uri", true),
                string(doc, "end_session_endpoint", false));
    }

    private static String string(Map<String, Object> doc, String name, boolean required) {
        Object v = doc.get(name);
        if (v instanceof String s && !s.isEmpty()) {
            return s;
        }
        if (required) {
            throw new IllegalStateException("discovery document has no " + name);
        }
        return null;
    }
}

package dev.gatehouse.identity.oidc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A logged-in browser's session, as sealed in the session cookie.
 *
 * @param claims        the ID token's verified claims
 * @param refreshToken  the refresh token, or null
 * @param idToken       the ID token, for {@code id_token_hint} at logout, or null
 * @param expiresAt     when the session ends (epoch seconds)
 * @param accessExpires when the login must be refreshed (epoch seconds)
 */
record Session(Map<String, Object> claims, String refreshToken, String idToken, long expiresAt,
               long accessExpires) {
    /**
     * The sealed form, bound to one issuer and client.
     *
     * @param issuer   the issuer
     * @param clientId the client id
     * @return the JSON object to seal
     */
    Map<String, Object> toJson(String issuer, String clientId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iss", issuer);
        m.put("cid", clientId);
        m.put("exp", expiresAt);
        m.put("aexp", accessExpires);
        m.put("claims", claims);
        if (refreshToken != null) {
            m.put("rt", refreshToken);
        }
        if (idToken != null) {
            m.put("idt", idToken);
        }
        return m;
    }

    /**
     * Reads an opened session.
     *
     * @param m        the opened JSON, or null
     * @param issuer   the issuer it must be bound to
     * @param clientId the client it must be bound to
     * @param now      the time (epoch seconds)
     * @return the session, or null when it is foreign, malformed or over
     */
    @SuppressWarnings("unchecked")
    static Session fromJson(Map<String, Object> m, String issuer, String clientId, long now) {
        if (m == null || !issuer.equals(m.get("iss")) || !clientId.equals(m.get("cid"))
                || !(m.get("exp") instanceof Number exp) || !(m.get("aexp") instanceof Number aexp)
                || !(m.get("claims") instanceof Map<?, ?> claims) || exp.longValue() <= now) {
            return null;
        }
        return new Session((Map<String, Object>) claims, m.get("rt") instanceof String rt ? rt : null,
                m.get("idt") instanceof String idt ? idt : null, exp.longValue(), aexp.longValue());
    }
}

package dev.gatehouse.identity.oidc;

import dev.gatehouse.core.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Seals sessions into cookies and reads them back; tampered, foreign and expired cookies read as none. */
final class SessionStore {
    private final Sealer sealer;
    private final SessionCookies cookies;
    private final String issuer;
    private final String clientId;

    SessionStore(Sealer sealer, SessionCookies cookies, String issuer, String clientId) {
        this.sealer = sealer;
        this.cookies = cookies;
        this.issuer = issuer;
        this.clientId = clientId;
    }

    /** @return the session cookie chunks */
    SessionCookies cookies() {
        return cookies;
    }

    /**
     * Reads the request's session.
     *
     * @param requestCookies the request's cookies
     * @return the session, or null when there is none valid
     */
    Session read(Map<String, String> requestCookies) {
        String sealed = cookies.read(requestCookies);
        return sealed == null ? null
                : Session.fromJson(sealer.open(sealed), issuer, clientId, System.currentTimeMillis() / 1000);
    }

    /**
     * Whether the request carries a session cookie at all (valid or not).
     *
     * @param requestCookies the request's cookies
     * @return true when the first chunk is present
     */
    boolean present(Map<String, String> requestCookies) {
        return requestCookies.containsKey(cookies.spec().name());
    }

    /**
     * The {@code Set-Cookie} values that store a session.
     *
     * @param session        the session
     * @param requestCookies the request's cookies (to delete left-over chunks)
     * @param req            the request
     * @return the header values
     */
    List<String> write(Session session, Map<String, String> requestCookies, HttpRequest req) {
        return cookies.write(sealer.seal(session.toJson(issuer, clientId)), requestCookies, Responses.https(req));
    }

    /**
     * Makes a session from a token response.
     *
     * @param claims   the verified ID token claims
     * @param token    the token response
     * @param previous the session being refreshed, or null at login
     * @param expiry   the configured session lifetime
     * @return the session
     */
    static Session fromTokens(Map<String, Object> claims, Map<String, Object> token, Session previous,
                              Duration expiry) {
        long now = System.currentTimeMillis() / 1000;
        long accessExpires;
        if (token.get("expires_in") instanceof Number n && n.longValue() > 0) {
            accessExpires = now + n.longValue();
        } else if (claims.get("exp") instanceof Number exp) {
            accessExpires = exp.longValue();
        } else {
            accessExpires = now + 300;
        }
        String refresh = token.get("refresh_token") instanceof String rt ? rt
                : previous == null ? null : previous.refreshToken();
        String idToken = token.get("id_token") instanceof String idt ? idt
                : previous == null ? null : previous.idToken();
        long expiresAt = previous == null ? now + expiry.toSeconds() : previous.expiresAt();
        return new Session(claims, refresh, idToken, expiresAt, accessExpires);
    }
}

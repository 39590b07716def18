package dev.gatehouse.identity.jwt;

import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.identity.Credentials;
import io.netty.handler.codec.http.HttpHeaderNames;

/**
 * Where the token was found: the {@code Authorization: Bearer} header first, then (when configured) a query
 * parameter, as Traefik Hub's {@code tokenKey} does.
 *
 * @param token     the token text
 * @param fromQuery whether it came from the query
 */
record BearerToken(String token, boolean fromQuery) {
    /**
     * Finds the token.
     *
     * @param req      the request
     * @param queryKey the query parameter, or null
     * @return the token, or null when the request carries none
     */
    static BearerToken find(HttpRequest req, String queryKey) {
        String header = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header != null && header.length() > 7 && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).strip();
            return token.isEmpty() ? null : new BearerToken(token, false);
        }
        if (queryKey == null || req.rawQuery() == null) {
            return null;
        }
        String value = Credentials.queryParameter(req, queryKey);
        return value == null || value.isEmpty() ? null : new BearerToken(value, true);
    }
}

package dev.gatehouse.identity.jwt;

import dev.gatehouse.core.HttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

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
        List<String> values = new QueryStringDecoder(req.rawQuery(), StandardCharsets.UTF_8, false)
                .parameters().get(queryKey);
        if (values == null || values.isEmpty() || values.getFirst().isEmpty()) {
            return null;
        }
        return new BearerToken(values.getFirst(), true);
    }

    /**
     * Removes a query parameter from the raw query, keeping the other parameters as they were sent.
     *
     * @param req the request
     * @param key the parameter name
     */
    static void removeQueryParameter(HttpRequest req, String key) {
        String raw = req.rawQuery();
        if (raw == null) {
            return;
        }
        StringBuilder kept = new StringBuilder(raw.length());
        for (String pair : raw.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = QueryStringDecoder.decodeComponent(eq < 0 ? pair : pair.substring(0, eq));
            if (!name.equals(key) && !pair.isEmpty()) {
                if (!kept.isEmpty()) {
                    kept.append('&');
                }
                kept.append(pair);
            }
        }
        req.rawQuery(kept.isEmpty() ? null : kept.toString());
    }
}

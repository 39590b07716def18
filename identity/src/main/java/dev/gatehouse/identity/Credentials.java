package dev.gatehouse.identity;

import dev.gatehouse.core.HttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads and removes credentials carried in a query parameter or a cookie, leaving everything else in the request
 * exactly as the client sent it.
 */
public final class Credentials {
    private Credentials() {
    }

    /**
     * @param req  the request
     * @param name the query parameter
     * @return its first value, decoded, or null
     */
    public static String queryParameter(HttpRequest req, String name) {
        if (req.rawQuery() == null) {
            return null;
        }
        // ';' is part of a value here, as for the router and for removeQueryParameter: were it a separator, a
        // credential hidden behind one would be read here but not removed before the request goes on.
        List<String> values = new QueryStringDecoder(req.rawQuery(), StandardCharsets.UTF_8, false, 1024, true)
                .parameters().get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /**
     * Removes every occurrence of a query parameter.
     *
     * @param req  the request
     * @param name the parameter name
     */
    public static void removeQueryParameter(HttpRequest req, String name) {
        String raw = req.rawQuery();
        if (raw == null) {
            return;
        }
        StringBuilder kept = new StringBuilder(raw.length());
        for (String pair : raw.split("&", -1)) {
            int eq = pair.indexOf('=');
            String key = QueryStringDecoder.decodeComponent(eq < 0 ? pair : pair.substring(0, eq));
            if (!key.equals(name) && !pair.isEmpty()) {
                if (!kept.isEmpty()) {
                    kept.append('&');
                }
                kept.append(pair);
            }
        }
        req.rawQuery(kept.isEmpty() ? null : kept.toString());
    }

    /**
     * @param req  the request
     * @param name the cookie name
     * @return the first cookie of that name, or null
     */
    public static String cookie(HttpRequest req, String name) {
        for (String header : req.headers().getAll(HttpHeaderNames.COOKIE)) {
            for (String part : header.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0 && part.substring(0, eq).strip().equals(name)) {
                    String v = part.substring(eq + 1).strip();
                    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1)
                            : v;
                }
            }
        }
        return null;
    }

    /**
     * Removes a cookie from the {@code Cookie} headers, keeping the others as sent.
     *
     * @param req  the request
     * @param name the cookie name
     */
    public static void removeCookie(HttpRequest req, String name) {
        List<String> headers = req.headers().getAll(HttpHeaderNames.COOKIE);
        if (headers.isEmpty()) {
            return;
        }
        StringBuilder kept = new StringBuilder();
        for (String header : headers) {
            for (String part : header.split(";")) {
                int eq = part.indexOf('=');
                String key = (eq > 0 ? part.substring(0, eq) : part).strip();
                if (!key.equals(name) && !part.isBlank()) {
                    if (!kept.isEmpty()) {
                        kept.append("; ");
                    }
                    kept.append(part.strip());
                }
            }
        }
        req.headers().remove(HttpHeaderNames.COOKIE);
        if (!kept.isEmpty()) {
            req.headers().set(HttpHeaderNames.COOKIE, kept.toString());
        }
    }
}

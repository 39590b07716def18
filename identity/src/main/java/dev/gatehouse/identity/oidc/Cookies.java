package dev.gatehouse.identity.oidc;

import dev.gatehouse.core.HttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the {@code Cookie} request header and removes the middleware's own cookies before forwarding. */
final class Cookies {
    /** A request carries at most this many cookies we look at; more is not a browser. */
    private static final int MAX_COOKIES = 200;

    private Cookies() {
    }

    /**
     * Parses every {@code Cookie} header; the first value of a name wins.
     *
     * @param req the request
     * @return name to value
     */
    static Map<String, String> parse(HttpRequest req) {
        Map<String, String> out = new HashMap<>();
        List<String> headers = req.headers().getAll(HttpHeaderNames.COOKIE);
        for (String header : headers) {
            for (String pair : header.split(";")) {
                if (out.size() >= MAX_COOKIES) {
                    return out;
                }
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    String name = pair.substring(0, eq).trim();
                    String value = pair.substring(eq + 1).trim();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    out.putIfAbsent(name, value);
                }
            }
        }
        return out;
    }

    /**
     * Removes cookies from the request, so the backend never sees the session.
     *
     * @param req   the request about to go on
     * @param names the cookie names to drop
     */
    static void remove(HttpRequest req, Set<String> names) {
        List<String> headers = req.headers().getAll(HttpHeaderNames.COOKIE);
        if (headers.isEmpty()) {
            return;
        }
        StringBuilder kept = new StringBuilder();
        for (String header : headers) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                String name = (eq > 0 ? pair.substring(0, eq) : pair).trim();
                if (!name.isEmpty() && !names.contains(name)) {
                    if (!kept.isEmpty()) {
                        kept.append("; ");
                    }
                    kept.append(pair.trim());
                }
            }
        }
        req.headers().remove(HttpHeaderNames.COOKIE);
        if (!kept.isEmpty()) {
            req.headers().set(HttpHeaderNames.COOKIE, kept.toString());
        }
    }
}

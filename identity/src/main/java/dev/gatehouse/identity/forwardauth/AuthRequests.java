package dev.gatehouse.identity.forwardauth;

import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.RequestContext;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the request to the authentication server, with Traefik's header rules.
 *
 * <pre>
 *  client headers ─▶ drop those named by Connection, and hop-by-hop ─▶ keep only authRequestHeaders (if set)
 *                 ─▶ X-Forwarded-For / -Method / -Proto / -Port / -Host / -Uri:
 *                    the request's own values, or the client's headers when trustForwardHeader is on
 * </pre>
 */
final class AuthRequests {
    /** Traefik's client timeout for the whole call. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private AuthRequests() {
    }

    /** A header value that would split the header line; the request is refused. */
    static final class UnsafeHeaderException extends Exception {
        private static final long serialVersionUID = 1L;

        UnsafeHeaderException(String name) {
            super("request header " + name + " holds a line break or NUL");
        }
    }

    /**
     * @param s    the settings
     * @param ctx  the exchange
     * @param req  the client's request
     * @param body the body to send, or null for none
     * @return the request to the server
     * @throws UnsafeHeaderException when a header value holds CR, LF or NUL
     */
    static java.net.http.HttpRequest build(ForwardAuthSettings s, RequestContext ctx, HttpRequest req, byte[] body)
            throws UnsafeHeaderException {
        Map<String, List<String>> headers = copied(s, req.headers());
        forwarded(s, ctx, req, headers);
        String method = s.preserveRequestMethod() ? req.method().name() : "GET";
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(s.address()).timeout(TIMEOUT)
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            for (String v : h.getValue()) {
                if (HeaderNames.unsafe(v)) {
                    throw new UnsafeHeaderException(h.getKey());
                }
                try {
                    b.header(h.getKey(), v);
                } catch (IllegalArgumentException e) {
                    throw new UnsafeHeaderException(h.getKey());
                }
            }
        }
        return b.build();
    }

    private static Map<String, List<String>> copied(ForwardAuthSettings s, HttpHeaders in) {
        Set<String> dropped = new HashSet<>();
        for (String connection : in.getAll("Connection")) {
            for (String token : connection.split(",")) {
                dropped.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : in) {
            String lower = h.getKey().toLowerCase(Locale.ROOT);
            if (lower.startsWith(":") || HeaderNames.HOP_BY_HOP.contains(lower) || dropped.contains(lower)
                    || HeaderNames.CLIENT_OWNED.contains(lower)) {
                continue;
            }
            String name = HeaderNames.canonical(h.getKey());
            if (s.authRequestHeaders().isEmpty() || s.authRequestHeaders().contains(name)) {
                out.computeIfAbsent(name, k -> new ArrayList<>()).add(h.getValue());
            }
        }
        return out;
    }

    private static void forwarded(ForwardAuthSettings s, RequestContext ctx, HttpRequest req,
                                  Map<String, List<String>> out) {
        HttpHeaders in = req.headers();
        boolean trust = s.trustForwardHeader();
        String clientIp = ctx.clientIp();
        if (!clientIp.isEmpty()) {
            List<String> prior = in.getAll("X-Forwarded-For");
            set(out, "X-Forwarded-For", trust && !prior.isEmpty() ? String.join(", ", prior) + ", " + clientIp
                    : clientIp);
        }
        set(out, "X-Forwarded-Method", pick(trust, in.get("X-Forwarded-Method"), req.method().name()));
        set(out, "X-Forwarded-Proto", pick(trust, in.get("X-Forwarded-Proto"), ctx.secure() ? "https" : "http"));
        String port = in.get("X-Forwarded-Port");
        if (trust && port != null && !port.isEmpty()) {
            set(out, "X-Forwarded-Port", port);
        }
        set(out, "X-Forwarded-Host", pick(trust, in.get("X-Forwarded-Host"), req.authority()));
        set(out, "X-Forwarded-Uri", pick(trust, in.get("X-Forwarded-Uri"), req.uri()));
    }

    /** The client's header when trusted and present, else the request's own value (null or empty: none). */
    private static String pick(boolean trust, String header, String own) {
        return trust && header != null && !header.isEmpty() ? header : own;
    }

    private static void set(Map<String, List<String>> out, String name, String value) {
        if (value == null || value.isEmpty()) {
            out.remove(name);
        } else {
            out.put(name, List.of(value));
        }
    }
}

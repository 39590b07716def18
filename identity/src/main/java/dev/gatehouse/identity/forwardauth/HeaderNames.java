package dev.gatehouse.identity.forwardauth;

import java.util.Set;

/** Header-name helpers shared by the request and response sides. */
final class HeaderNames {
    /**
     * Hop-by-hop headers never sent to the server nor passed back from it, as in Traefik (which forwards
     * {@code Proxy-Authorization}: the server is the one that checks it).
     */
    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "te", "trailer", "trailers",
            "transfer-encoding", "upgrade");

    /** Headers the JDK client sets itself and refuses from callers. */
    static final Set<String> CLIENT_OWNED = Set.of("content-length", "expect", "host", "http2-settings");

    private HeaderNames() {
    }

    /**
     * Go's canonical header key: the first letter and each letter after a hyphen in upper case, the rest lower.
     * Traefik matches {@code authResponseHeadersRegex} against this form.
     *
     * @param name a header name
     * @return its canonical form; a name with characters outside a token is returned as it is
     */
    static String canonical(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        boolean upper = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ' ' || c > 0x7e) {
                return name;
            }
            sb.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return sb.toString();
    }

    /**
     * @param value a header value
     * @return true when it holds CR, LF or NUL, which would split or end a header line
     */
    static boolean unsafe(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                return true;
            }
        }
        return false;
    }
}

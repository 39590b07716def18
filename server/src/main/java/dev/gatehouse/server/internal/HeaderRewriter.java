package dev.gatehouse.server.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Rewrites request headers at the edge: hop-by-hop headers go, {@code X-Forwarded-*} are set as Traefik sets them. */
final class HeaderRewriter {
    private HeaderRewriter() {
    }

    /**
     * @param h the request headers
     * @return true when the request asks for a protocol switch we tunnel ({@code Connection: upgrade} plus
     *         {@code Upgrade}, other than {@code h2c}, which is simply ignored)
     */
    static boolean isUpgrade(HttpHeaders h) {
        String up = h.get(HttpHeaderNames.UPGRADE);
        if (up == null || up.isBlank() || up.trim().equalsIgnoreCase("h2c")) {
            return false;
        }
        return h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    }

    /** @return true for an upgrade to WebSocket */
    static boolean isWebSocket(HttpHeaders h) {
        return h.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    /** Every name {@link #removeHopByHop} and {@link #applyForwarded} remove or look up. */
    private static final AsciiString[] WATCHED = watched();

    private static AsciiString[] watched() {
        AsciiString[] hop = {HttpHeaderNames.CONNECTION, HttpHeaderNames.KEEP_ALIVE, HeaderNames.PROXY_CONNECTION,
            HttpHeaderNames.TRAILER, HttpHeaderNames.TRANSFER_ENCODING, HeaderNames.HTTP2_SETTINGS,
            HttpHeaderNames.TE, HttpHeaderNames.UPGRADE};
        AsciiString[] all = new AsciiString[hop.length + HeaderNames.FORWARDED.length];
        System.arraycopy(hop, 0, all, 0, hop.length);
        System.arraycopy(HeaderNames.FORWARDED, 0, all, hop.length, HeaderNames.FORWARDED.length);
        return all;
    }

    /** For each name length, whether some {@link #WATCHED} name has it: most names are ruled out by length. */
    private static final boolean[] WATCHED_LENGTHS = watchedLengths();

    private static boolean[] watchedLengths() {
        int max = 0;
        for (AsciiString w : WATCHED) {
            max = Math.max(max, w.length());
        }
        boolean[] lengths = new boolean[max + 1];
        for (AsciiString w : WATCHED) {
            lengths[w.length()] = true;
        }
        return lengths;
    }

    /**
     * Is this a name that {@link #removeHopByHop} or {@link #applyForwarded} would remove or read? Most requests
     * carry none, and then both come down to setting the forwarded headers ({@link #setForwarded}): a check per
     * name, made in the request's one pass over its headers, replaces some twenty hashed lookups per request.
     *
     * @param name a request header name
     * @return true when the full rewrite must run
     */
    static boolean isWatched(CharSequence name) {
        int n = name.length();
        if (n >= WATCHED_LENGTHS.length || !WATCHED_LENGTHS[n]) {
            return false;
        }
        for (AsciiString w : WATCHED) {
            if (w.length() == n && w.contentEqualsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sets the forwarded headers on a request that has none of them and no hop-by-hop header (see
     * {@link #isWatched}): what {@link #removeHopByHop} and {@link #applyForwarded} do then, without the lookups.
     */
    static void setForwarded(HttpHeaders h, String peerIp, boolean secure, boolean websocket, String authority,
                             String serverName) {
        // None of these names is present (the request's header pass said so): add, not set, skips a hashed removal per name.
        String proto = websocket ? (secure ? "wss" : "ws") : (secure ? "https" : "http");
        h.add(HeaderNames.X_FORWARDED_PROTO, proto);
        h.add(HeaderNames.X_FORWARDED_PORT, portOf(authority, proto));
        if (authority != null && !authority.isEmpty()) {
            h.add(HeaderNames.X_FORWARDED_HOST, authority);
        }
        h.add(HeaderNames.X_FORWARDED_SERVER, serverName);
        h.add(HeaderNames.X_REAL_IP, peerIp);
    }

    /**
     * Removes hop-by-hop headers: those {@code Connection} lists, and the fixed set. {@code TE: trailers} stays
     * (gRPC needs it), and an upgrade keeps {@code Connection: Upgrade} and {@code Upgrade}.
     *
     * @param h       the headers
     * @param upgrade true for an upgrade request
     */
    static void removeHopByHop(HttpHeaders h, boolean upgrade) {
        List<String> listed = new ArrayList<>(2);
        for (String v : h.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : v.split(",")) {
                String t = token.trim().toLowerCase(Locale.ROOT);
                if (!t.isEmpty()) {
                    listed.add(t);
                }
            }
        }
        for (String name : listed) {
            if (!(upgrade && name.equals("upgrade")) && !isProtectedFromConnection(name)) {
                h.remove(name);
            }
        }
        h.remove(HttpHeaderNames.KEEP_ALIVE);
        h.remove(HeaderNames.PROXY_CONNECTION);
        h.remove(HttpHeaderNames.TRAILER);
        h.remove(HttpHeaderNames.TRANSFER_ENCODING);
        h.remove(HeaderNames.HTTP2_SETTINGS);
        boolean trailers = false;
        for (String v : h.getAll(HttpHeaderNames.TE)) {
            for (String token : v.split(",")) {
                String t = token.trim();
                int semi = t.indexOf(';');
                if ((semi < 0 ? t : t.substring(0, semi).trim()).equalsIgnoreCase("trailers")) {
                    trailers = true;
                }
            }
        }
        h.remove(HttpHeaderNames.TE);
        if (trailers) {
            h.set(HttpHeaderNames.TE, HttpHeaderValues.TRAILERS);
        }
        h.remove(HttpHeaderNames.CONNECTION);
        if (upgrade) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        } else {
            h.remove(HttpHeaderNames.UPGRADE);
        }
    }

    /** Headers a client must not be able to drop by naming them in {@code Connection}. */
    private static boolean isProtectedFromConnection(String name) {
        if (name.equals("host") || name.equals("content-length")) {
            return true;
        }
        for (AsciiString f : HeaderNames.FORWARDED) {
            if (f.contentEqualsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sets the forwarded headers. From an untrusted peer every incoming {@code X-Forwarded-*} and
     * {@code X-Real-Ip} is removed first; from a trusted peer the ones present are kept.
     *
     * @param h          the headers
     * @param trusted    true when the peer's forwarded headers are kept
     * @param peerIp     the TCP peer's IP
     * @param secure     true when the client connection is TLS
     * @param websocket  true for a WebSocket upgrade (proto becomes {@code ws}/{@code wss})
     * @param authority  the requested authority
     * @param serverName this gateway's host name, for {@code X-Forwarded-Server}
     */
    static void applyForwarded(HttpHeaders h, boolean trusted, String peerIp, boolean secure, boolean websocket,
                               String authority, String serverName) {
        if (!trusted) {
            for (AsciiString name : HeaderNames.FORWARDED) {
                h.remove(name);
            }
        }
        String proto = h.get(HeaderNames.X_FORWARDED_PROTO);
        if (proto == null || proto.isEmpty()) {
            proto = websocket ? (secure ? "wss" : "ws") : (secure ? "https" : "http");
            h.set(HeaderNames.X_FORWARDED_PROTO, proto);
        }
        if (!h.contains(HeaderNames.X_FORWARDED_PORT)) {
            h.set(HeaderNames.X_FORWARDED_PORT, portOf(authority, proto));
        }
        if (!h.contains(HeaderNames.X_FORWARDED_HOST) && authority != null && !authority.isEmpty()) {
            h.set(HeaderNames.X_FORWARDED_HOST, authority);
        }
        h.set(HeaderNames.X_FORWARDED_SERVER, serverName);
        if (!h.contains(HeaderNames.X_REAL_IP)) {
            h.set(HeaderNames.X_REAL_IP, peerIp);
        }
        // X-Forwarded-For is appended by the upstream client when the request leaves, as Traefik does, so
        // that middlewares reading it (ipStrategy.depth) see what the client sent.
    }

    private static String portOf(String authority, String proto) {
        if (authority != null && !authority.isEmpty()) {
            int colon = -1;
            if (authority.charAt(0) == '[') {
                int close = authority.indexOf(']');
                if (close > 0 && close + 1 < authority.length() && authority.charAt(close + 1) == ':') {
                    colon = close + 1;
                }
            } else if (authority.indexOf(':') == authority.lastIndexOf(':')) {
                colon = authority.indexOf(':');
            }
            if (colon >= 0 && colon < authority.length() - 1) {
                return authority.substring(colon + 1);
            }
        }
        return proto.equals("https") || proto.equals("wss") ? "443" : "80";
    }
}

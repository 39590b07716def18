package dev.gatehouse.upstream.internal;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hop-by-hop header handling, as Go's reverse proxy (and so Traefik) does it: Connection and the headers it
 * names, Keep-Alive, Proxy-Connection, Proxy-Authenticate, Proxy-Authorization, TE, Trailer,
 * Transfer-Encoding and Upgrade never cross the proxy; {@code TE: trailers} survives, and an upgrade keeps
 * its Connection/Upgrade pair.
 */
public final class HopByHop {
    private static final List<CharSequence> ALWAYS = List.of(
            HttpHeaderNames.CONNECTION, HttpHeaderNames.KEEP_ALIVE, HttpHeaderNames.PROXY_CONNECTION,
            HttpHeaderNames.PROXY_AUTHENTICATE, HttpHeaderNames.PROXY_AUTHORIZATION, HttpHeaderNames.TE,
            HttpHeaderNames.TRAILER, HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.UPGRADE);

    private HopByHop() {
    }

    /**
     * The upgrade protocol a request asks for, when it carries {@code Connection: upgrade} and {@code Upgrade}.
     *
     * @param headers the request headers
     * @return the protocol, or null
     */
    public static String upgradeOf(HttpHeaders headers) {
        String upgrade = headers.get(HttpHeaderNames.UPGRADE);
        if (upgrade == null || upgrade.isEmpty()) {
            return null;
        }
        return headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true) ? upgrade : null;
    }

    /**
     * Copies headers without the hop-by-hop ones.
     *
     * @param in      the incoming headers
     * @param request true for a request (keeps {@code TE: trailers})
     * @param upgrade the upgrade protocol to keep, or null
     * @return a new header set
     */
    public static HttpHeaders strip(HttpHeaders in, boolean request, String upgrade) {
        HttpHeaders out = new DefaultHttpHeaders(false);
        out.add(in);
        boolean teTrailers = request && in.containsValue(HttpHeaderNames.TE, HttpHeaderValues.TRAILERS, true);
        // Headers that Connection names are hop-by-hop too.
        for (String c : in.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : c.split(",")) {
                String t = token.trim();
                if (!t.isEmpty()) {
                    out.remove(t);
                }
            }
        }
        for (CharSequence name : ALWAYS) {
            out.remove(name);
        }
        if (teTrailers) {
            out.set(HttpHeaderNames.TE, HttpHeaderValues.TRAILERS);
        }
        if (upgrade != null) {
            out.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
            out.set(HttpHeaderNames.UPGRADE, upgrade);
        }
        return out;
    }

    /**
     * Removes headers that may not appear in trailers.
     *
     * @param trailers the trailers, changed in place
     * @return the same trailers
     */
    public static HttpHeaders stripTrailers(HttpHeaders trailers) {
        for (Map.Entry<String, String> e : trailers.entries()) {
            String n = e.getKey().toLowerCase(Locale.ROOT);
            if (n.equals("content-length") || n.equals("transfer-encoding") || n.equals("host")) {
                trailers.remove(e.getKey());
            }
        }
        return trailers;
    }
}

package dev.gatehouse.upstream.internal;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The headers of a request as it leaves for a server, built in one pass over the request's own headers.
 *
 * <p>What it does is what Go's reverse proxy (and so Traefik) does: hop-by-hop headers go (see {@link HopByHop}),
 * {@code Host} is the client's or the server's, the client IP is appended to {@code X-Forwarded-For}, and the
 * framing headers follow the body. Doing it while copying costs a length check per header; doing it after the
 * copy cost a hashed, case-folding lookup (and for {@code X-Forwarded-For} a list) per name on every request.
 */
final class UpstreamRequestHeaders {
    private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("X-Forwarded-For");

    private UpstreamRequestHeaders() {
    }

    /**
     * @param in            the request's headers (a decoder validated them, so the copy does not validate again)
     * @param upgrade       the upgrade protocol to keep, or null
     * @param clientIp      the IP to append to {@code X-Forwarded-For}, or null or empty to leave it alone
     * @param host          the {@code Host} to send
     * @param contentLength the request body's length: -1 when unknown (sent chunked unless the request says
     *                      {@code Content-Length}), 0 for none
     * @return a new header set
     */
    static HttpHeaders build(HttpHeaders in, String upgrade, String clientIp, String host, long contentLength) {
        HttpHeaders out = new DefaultHttpHeaders(false);
        out.add(HttpHeaderNames.HOST, host);
        List<String> listed = null;
        boolean te = false;
        boolean hadLength = false;
        String xff = null;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = in.iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            CharSequence name = e.getKey();
            int n = name.length();
            if (HopByHop.isAlways(name)) {
                te |= n == 2;
                listed = HopByHop.connectionTokens(listed, name, e.getValue());
            } else if (n == 0 || name.charAt(0) == ':' || n == 4 && AsciiString.contentEqualsIgnoreCase(name,
                    HttpHeaderNames.HOST)) {
                // HTTP/2 pseudo-headers never leave as headers; Host is the one set above.
                continue;
            } else if (n == 14 && AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.CONTENT_LENGTH)) {
                hadLength = true;
            } else if (n == 15 && AsciiString.contentEqualsIgnoreCase(name, X_FORWARDED_FOR)) {
                // Several X-Forwarded-For lines become one list, as Go's proxy joins them.
                String v = e.getValue().toString();
                xff = xff == null ? v : xff + ", " + v;
            } else {
                out.add(name, e.getValue());
            }
        }
        if (listed != null) {
            // Headers that Connection names are hop-by-hop too, whatever they are.
            for (int i = 0; i < listed.size(); i++) {
                String name = listed.get(i);
                if (HttpHeaderNames.HOST.contentEqualsIgnoreCase(name)) {
                    continue; // the Host set above is ours, not the client's
                }
                out.remove(name);
                if (X_FORWARDED_FOR.contentEqualsIgnoreCase(name)) {
                    xff = null;
                } else if (HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(name)) {
                    hadLength = false;
                }
            }
        }
        if (te && in.containsValue(HttpHeaderNames.TE, HttpHeaderValues.TRAILERS, true)) {
            out.set(HttpHeaderNames.TE, HttpHeaderValues.TRAILERS);
        }
        if (clientIp != null && !clientIp.isEmpty()) {
            out.add(X_FORWARDED_FOR, xff == null || xff.isBlank() ? clientIp : xff + ", " + clientIp);
        } else if (xff != null) {
            out.add(X_FORWARDED_FOR, xff);
        }
        if (upgrade != null) {
            // The body of an upgrade request is the raw tunnel, sent only after the 101: no framing header.
            out.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
            out.set(HttpHeaderNames.UPGRADE, upgrade);
            return out;
        }
        if (contentLength > 0) {
            out.add(HttpHeaderNames.CONTENT_LENGTH, Long.toString(contentLength));
        } else if (contentLength == 0) {
            if (hadLength) {
                out.add(HttpHeaderNames.CONTENT_LENGTH, HttpHeaderValues.ZERO);
            }
        } else if (hadLength) {
            // The length is unknown to the body but declared by the request: sent as it came.
            out.add(HttpHeaderNames.CONTENT_LENGTH, in.get(HttpHeaderNames.CONTENT_LENGTH));
        } else {
            out.add(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        return out;
    }
}

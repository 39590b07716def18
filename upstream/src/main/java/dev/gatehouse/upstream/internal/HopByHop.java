package dev.gatehouse.upstream.internal;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Iterator;
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
     * Copies a response's headers without the hop-by-hop ones, in one pass: filtering while copying costs one
     * length switch per header, where copying everything and then removing each hop-by-hop name cost a hashed,
     * case-folding lookup per name and message. (A request's headers are built by {@link UpstreamRequestHeaders}.)
     *
     * @param in      the incoming headers; a decoder validated them, so the copy does not validate again
     * @param upgrade the upgrade protocol to keep, or null
     * @return a new header set
     */
    public static HttpHeaders strip(HttpHeaders in, String upgrade) {
        HttpHeaders out = new DefaultHttpHeaders(false);
        List<String> listed = null;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = in.iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            CharSequence name = e.getKey();
            if (isAlways(name)) {
                listed = connectionTokens(listed, name, e.getValue());
            } else {
                out.add(name, e.getValue());
            }
        }
        if (listed != null) {
            // Headers that Connection names are hop-by-hop too.
            for (int i = 0; i < listed.size(); i++) {
                out.remove(listed.get(i));
            }
        }
        if (upgrade != null) {
            out.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
            out.set(HttpHeaderNames.UPGRADE, upgrade);
        }
        return out;
    }

    /** What {@link #stripResponseInPlace} found while it passed over a response's headers. */
    static final class ResponseFacts {
        /** The first Content-Length value, or null. */
        String contentLength;
        /** {@code Connection} lists {@code close}. */
        boolean close;
        /** {@code Connection} lists {@code keep-alive}. */
        boolean keepAlive;
    }

    /**
     * Removes the hop-by-hop headers of a response in place: the decoded message is ours alone, so copying its
     * headers (a new map, every name hashed and checked again) would buy nothing. The same pass notes what the
     * exchange needs next (length, keep-alive), which saves a hashed lookup for each.
     *
     * @param h the headers of a decoded response, changed in place
     * @return what the headers said about framing and keep-alive
     */
    static ResponseFacts stripResponseInPlace(HttpHeaders h) {
        ResponseFacts facts = new ResponseFacts();
        List<CharSequence> drop = null;
        List<String> listed = null;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = h.iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            CharSequence name = e.getKey();
            if (isAlways(name)) {
                if (drop == null) {
                    drop = new ArrayList<>(4);
                }
                drop.add(name);
                listed = connectionTokens(listed, name, e.getValue());
            } else if (facts.contentLength == null && name.length() == 14
                    && AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.CONTENT_LENGTH)) {
                facts.contentLength = e.getValue().toString();
            }
        }
        if (drop != null) {
            for (int i = 0; i < drop.size(); i++) {
                h.remove(drop.get(i));
            }
        }
        if (listed != null) {
            for (int i = 0; i < listed.size(); i++) {
                String token = listed.get(i);
                facts.close |= token.equalsIgnoreCase("close");
                facts.keepAlive |= token.equalsIgnoreCase("keep-alive");
                h.remove(token);
            }
        }
        return facts;
    }

    /** Adds the names a {@code Connection} header lists to {@code listed}; other headers leave it as it is. */
    static List<String> connectionTokens(List<String> listed, CharSequence name, CharSequence value) {
        if (name.length() != 10 || !AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.CONNECTION)) {
            return listed;
        }
        for (String token : value.toString().split(",")) {
            String t = token.trim();
            if (!t.isEmpty()) {
                if (listed == null) {
                    listed = new ArrayList<>(2);
                }
                listed.add(t);
            }
        }
        return listed;
    }

    /** @return true for a name that never crosses the proxy; the length picks the one or two candidates */
    static boolean isAlways(CharSequence name) {
        return switch (name.length()) {
            case 2 -> AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.TE);
            case 7 -> AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.UPGRADE)
                    || AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.TRAILER);
            case 10 -> AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.CONNECTION)
                    || AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.KEEP_ALIVE);
            case 16 -> AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.PROXY_CONNECTION);
            case 17 -> AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.TRANSFER_ENCODING);
            case 18 -> AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.PROXY_AUTHENTICATE);
            case 19 -> AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.PROXY_AUTHORIZATION);
            default -> false;
        };
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

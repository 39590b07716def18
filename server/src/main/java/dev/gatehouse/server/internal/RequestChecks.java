package dev.gatehouse.server.internal;

import dev.gatehouse.core.ContentLengths;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.Iterator;
import java.util.Map;

/**
 * Checks a decoded request head for what Netty's decoder lets through but a proxy must refuse, because a
 * backend could frame or read the request differently (request smuggling, header injection).
 */
final class RequestChecks {
    private RequestChecks() {
    }

    /**
     * What one pass over a request's headers found, so that preparing the request looks nothing up again: a
     * hashed, case-folding lookup per framing header cost more than the pass itself.
     */
    static final class Facts {
        /** The first Host value, or null. */
        String host;
        /** The Content-Length value over HTTP/1 (checked to be digits), or -1 when absent; not read over HTTP/2. */
        long contentLength = -1;
        /** A Transfer-Encoding is present (over HTTP/1 it was checked to be exactly chunked). */
        boolean transferEncoding;
        /** An Expect header is present. */
        boolean expect;
        /** An Upgrade header is present. */
        boolean upgrade;
        /** A Connection header is present. */
        boolean connection;
        /** A hop-by-hop or forwarded header is present: the full rewrite must run ({@link HeaderRewriter}). */
        boolean watched;
    }

    /**
     * @param req   the head
     * @param http1 true for HTTP/1.x, where framing headers matter
     * @return what the headers hold that preparing the request needs
     * @throws Rejection when the request must be refused
     */
    static Facts validate(HttpRequest req, boolean http1) {
        HttpHeaders h = req.headers();
        Facts facts = new Facts();
        int teCount = 0;
        int clCount = 0;
        int hostCount = 0;
        CharSequence te = null;
        CharSequence cl = null;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = h.iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            CharSequence value = e.getValue();
            checkValue(value);
            CharSequence name = e.getKey();
            switch (name.length()) {
                case 4 -> {
                    if (AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.HOST) && hostCount++ == 0) {
                        facts.host = value.toString();
                    }
                }
                case 6 -> facts.expect |= AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.EXPECT);
                case 14 -> {
                    if (AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.CONTENT_LENGTH)
                            && clCount++ == 0) {
                        cl = value;
                    }
                }
                case 17 -> {
                    if (AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.TRANSFER_ENCODING)
                            && teCount++ == 0) {
                        te = value;
                    }
                }
                default -> {
                }
            }
            if (HeaderRewriter.isWatched(name)) {
                facts.watched = true;
                facts.upgrade |= AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.UPGRADE);
                facts.connection |= AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.CONNECTION);
            }
        }
        facts.transferEncoding = teCount > 0;
        if (!http1) {
            return facts;
        }
        HttpVersion v = req.protocolVersion();
        if (!v.equals(HttpVersion.HTTP_1_1) && !v.equals(HttpVersion.HTTP_1_0)) {
            throw new Rejection(505, "unsupported HTTP version " + v.text());
        }
        if (teCount > 0) {
            if (v.equals(HttpVersion.HTTP_1_0)) {
                throw new Rejection(400, "Transfer-Encoding on HTTP/1.0");
            }
            if (teCount != 1 || !AsciiString.contentEqualsIgnoreCase(te, "chunked")) {
                throw new Rejection(400, "unsupported Transfer-Encoding");
            }
            if (clCount > 0) {
                throw new Rejection(400, "both Content-Length and Transfer-Encoding");
            }
        }
        if (clCount > 1) {
            throw new Rejection(400, "several Content-Length headers");
        }
        if (clCount == 1) {
            facts.contentLength = ContentLengths.parse(cl);
            if (facts.contentLength < 0) {
                throw new Rejection(400, "invalid Content-Length");
            }
        }
        if (hostCount > 1) {
            throw new Rejection(400, "several Host headers");
        }
        if (hostCount == 0 && v.equals(HttpVersion.HTTP_1_1)) {
            throw new Rejection(400, "missing Host header");
        }
        return facts;
    }

    private static void checkValue(CharSequence v) {
        for (int i = 0, n = v.length(); i < n; i++) {
            char c = v.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new Rejection(400, "invalid character in header value");
            }
        }
    }
}

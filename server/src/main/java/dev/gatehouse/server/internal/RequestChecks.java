package dev.gatehouse.server.internal;

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
     * @param req   the head
     * @param http1 true for HTTP/1.x, where framing headers matter
     * @throws Rejection when the request must be refused
     */
    static void validate(HttpRequest req, boolean http1) {
        HttpHeaders h = req.headers();
        // One pass over the headers both checks the values and gathers the framing headers, instead of a
        // separate lookup (hash, bucket walk, list) per framing header on every request.
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
                    if (AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.HOST)) {
                        hostCount++;
                    }
                }
                case 14 -> {
                    if (AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.CONTENT_LENGTH)) {
                        if (clCount++ == 0) {
                            cl = value;
                        }
                    }
                }
                case 17 -> {
                    if (AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.TRANSFER_ENCODING)) {
                        if (teCount++ == 0) {
                            te = value;
                        }
                    }
                }
                default -> {
                }
            }
        }
        if (!http1) {
            return;
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
        if (clCount == 1 && !isDigits(cl)) {
            throw new Rejection(400, "invalid Content-Length");
        }
        if (hostCount > 1) {
            throw new Rejection(400, "several Host headers");
        }
        if (hostCount == 0 && v.equals(HttpVersion.HTTP_1_1)) {
            throw new Rejection(400, "missing Host header");
        }
    }

    private static void checkValue(CharSequence v) {
        for (int i = 0, n = v.length(); i < n; i++) {
            char c = v.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new Rejection(400, "invalid character in header value");
            }
        }
    }

    private static boolean isDigits(CharSequence s) {
        if (s.length() == 0 || s.length() > 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}

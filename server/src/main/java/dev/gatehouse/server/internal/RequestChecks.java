package dev.gatehouse.server.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Iterator;
import java.util.List;
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
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = h.iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            checkValue(e.getValue());
        }
        if (!http1) {
            return;
        }
        HttpVersion v = req.protocolVersion();
        if (!v.equals(HttpVersion.HTTP_1_1) && !v.equals(HttpVersion.HTTP_1_0)) {
            throw new Rejection(505, "unsupported HTTP version " + v.text());
        }
        List<String> te = h.getAll(HttpHeaderNames.TRANSFER_ENCODING);
        List<String> cl = h.getAll(HttpHeaderNames.CONTENT_LENGTH);
        if (!te.isEmpty()) {
            if (req.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
                throw new Rejection(400, "Transfer-Encoding on HTTP/1.0");
            }
            if (te.size() != 1 || !"chunked".equalsIgnoreCase(te.getFirst())) {
                throw new Rejection(400, "unsupported Transfer-Encoding");
            }
            if (!cl.isEmpty()) {
                throw new Rejection(400, "both Content-Length and Transfer-Encoding");
            }
        }
        if (cl.size() > 1) {
            throw new Rejection(400, "several Content-Length headers");
        }
        if (cl.size() == 1 && !isDigits(cl.getFirst())) {
            throw new Rejection(400, "invalid Content-Length");
        }
        List<String> hosts = h.getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1) {
            throw new Rejection(400, "several Host headers");
        }
        if (hosts.isEmpty() && req.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
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

    private static boolean isDigits(String s) {
        if (s.isEmpty() || s.length() > 18) {
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

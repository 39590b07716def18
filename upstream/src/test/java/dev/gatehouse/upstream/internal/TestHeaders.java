package dev.gatehouse.upstream.internal;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;

/** Header sets for tests, unvalidated as a decoder hands them over (HTTP/2 pseudo-headers included). */
final class TestHeaders {
    private TestHeaders() {
    }

    /** @return headers from name, value pairs, in order */
    static HttpHeaders of(String... pairs) {
        HttpHeaders h = new DefaultHttpHeaders(false);
        for (int i = 0; i < pairs.length; i += 2) {
            h.add(pairs[i], pairs[i + 1]);
        }
        return h;
    }
}

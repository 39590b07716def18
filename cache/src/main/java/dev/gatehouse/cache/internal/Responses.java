package dev.gatehouse.cache.internal;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.HttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.List;
import java.util.Set;

/** Responses built from stored ones, and the header-field bookkeeping around storing. */
public final class Responses {
    /** The field naming what the cache did. */
    public static final AsciiString CACHE_STATUS = AsciiString.cached("X-Cache-Status");

    /** Fields never stored nor taken from a 304 (RFC 9111 §3.1 hop-by-hop fields, §3.2 Content-Length). */
    private static final Set<String> NOT_STORED = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "transfer-encoding", "upgrade", "trailer", "proxy-authenticate", "proxy-authorization",
            "proxy-authentication-info", "x-cache-status");

    /** The fields a 304 carries from the stored response (RFC 9110 §15.4.5). */
    private static final List<AsciiString> NOT_MODIFIED_FIELDS = List.of(HttpHeaderNames.CONTENT_LOCATION,
            HttpHeaderNames.DATE, HttpHeaderNames.ETAG, HttpHeaderNames.VARY, HttpHeaderNames.CACHE_CONTROL,
            HttpHeaderNames.EXPIRES);

    private Responses() {
    }

    /**
     * A response from a stored one.
     *
     * @param r           the stored response
     * @param ageMillis   its current age
     * @param status      the X-Cache-Status value
     * @param head        true for a HEAD request: the fields without the content
     * @param notModified true to answer 304 to the client's own conditional request
     * @return the response
     */
    public static HttpResponse fromStore(StoredResponse r, long ageMillis, String status, boolean head,
                                         boolean notModified) {
        HttpHeaders h;
        int code;
        Body body = Body.empty();
        if (notModified) {
            code = 304;
            h = new DefaultHttpHeaders();
            for (AsciiString name : NOT_MODIFIED_FIELDS) {
                List<String> values = r.headers().getAll(name);
                if (!values.isEmpty()) {
                    h.set(name, values);
                }
            }
        } else {
            code = r.status();
            h = r.headersCopy();
            if (code == 204) {
                h.remove(HttpHeaderNames.CONTENT_LENGTH); // RFC 9110 §8.6: never on a 204
            } else {
                h.set(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
            }
            if (!head && r.body().length > 0) {
                body = Body.of(r.body());
            }
        }
        h.set(HttpHeaderNames.AGE, ageMillis / 1000);
        h.set(CACHE_STATUS, status);
        return HttpResponse.of(code, h, body);
    }

    /**
     * The fields to store from a response: all but hop-by-hop ones (and those Connection names), and
     * Set-Cookie when asked.
     *
     * @param source     the response's fields
     * @param dropCookie true to leave Set-Cookie out
     * @return a copy
     */
    public static HttpHeaders toStore(HttpHeaders source, boolean dropCookie) {
        HttpHeaders h = new DefaultHttpHeaders();
        Set<String> connection = connectionNames(source);
        for (var e : source) {
            String n = e.getKey().toLowerCase(java.util.Locale.ROOT);
            if (!NOT_STORED.contains(n) && !connection.contains(n)
                    && !(dropCookie && n.equals("set-cookie"))) {
                h.add(e.getKey(), e.getValue());
            }
        }
        return h;
    }

    /**
     * Updates stored fields from a 304 (RFC 9111 §3.2): each field of the 304 replaces the stored one, except
     * hop-by-hop fields and Content-Length.
     *
     * @param stored the stored fields
     * @param update the 304's fields
     * @return the merged copy
     */
    public static HttpHeaders refreshed(HttpHeaders stored, HttpHeaders update) {
        HttpHeaders h = new DefaultHttpHeaders().set(stored);
        Set<String> connection = connectionNames(update);
        for (String name : update.names()) {
            String n = name.toLowerCase(java.util.Locale.ROOT);
            if (!NOT_STORED.contains(n) && !connection.contains(n) && !n.equals("content-length")) {
                h.set(name, update.getAll(name));
            }
        }
        return h;
    }

    private static Set<String> connectionNames(HttpHeaders h) {
        List<String> lines = h.getAll(HttpHeaderNames.CONNECTION);
        if (lines.isEmpty()) {
            return Set.of();
        }
        java.util.HashSet<String> out = new java.util.HashSet<>();
        for (String line : lines) {
            for (String n : line.split(",")) {
                out.add(n.strip().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return out;
    }

    /**
     * A 504 for {@code only-if-cached} without a usable stored response (RFC 9111 §5.2.1.7), or for a
     * {@code must-revalidate} response the cache could not revalidate (§5.2.2.2).
     *
     * @param status the X-Cache-Status value
     * @return the response
     */
    public static HttpResponse gatewayTimeout(String status) {
        HttpResponse r = HttpResponse.text(504, "Gateway Timeout");
        r.headers().set(CACHE_STATUS, status);
        return r;
    }
}

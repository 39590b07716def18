package dev.gatehouse.cache.internal;

import dev.gatehouse.core.HttpRequest;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Date;

/**
 * A client's own conditional GET or HEAD answered from a stored response (RFC 9111 §4.3.2, RFC 9110 §13.1.2
 * If-None-Match with weak comparison, §13.1.3 If-Modified-Since, evaluated only without If-None-Match).
 */
public final class Conditionals {
    private Conditionals() {
    }

    /**
     * @param req the request
     * @return true when it carries If-None-Match or If-Modified-Since
     */
    public static boolean isConditional(HttpRequest req) {
        HttpHeaders h = req.headers();
        return h.contains(HttpHeaderNames.IF_NONE_MATCH) || h.contains(HttpHeaderNames.IF_MODIFIED_SINCE);
    }

    /**
     * Whether the stored response lets the cache answer 304 Not Modified.
     *
     * @param req    the client's request
     * @param stored the stored response that would answer it
     * @return true when the client's validators say it already has this response
     */
    public static boolean notModified(HttpRequest req, StoredResponse stored) {
        if (stored.status() != 200) {
            return false;
        }
        HttpHeaders h = req.headers();
        if (h.contains(HttpHeaderNames.IF_NONE_MATCH)) {
            String etag = stored.etag();
            for (String line : h.getAll(HttpHeaderNames.IF_NONE_MATCH)) {
                for (String tag : line.split(",")) {
                    String t = tag.strip();
                    if (t.equals("*") || (etag != null && weakEqual(t, etag))) {
                        return true;
                    }
                }
            }
            return false;
        }
        String ims = h.get(HttpHeaderNames.IF_MODIFIED_SINCE);
        Date since = ims == null ? null : DateFormatter.parseHttpDate(ims);
        if (since == null) {
            return false;
        }
        String lm = stored.lastModified();
        Date modified = lm == null ? null : DateFormatter.parseHttpDate(lm);
        long modifiedAt = modified != null ? modified.getTime()
                : Freshness.dateValue(stored.headers(), stored.responseTime());
        return modifiedAt <= since.getTime();
    }

    /**
     * Whether a 304's entity tag selects a stored response for update (RFC 9111 §4.3.4): a strong tag by strong
     * comparison (both strong and equal), a weak one by weak comparison.
     *
     * @param received the 304's ETag
     * @param stored   the stored response's ETag, or null
     * @return true when the stored response is the one validated
     */
    public static boolean selects(String received, String stored) {
        if (stored == null) {
            return false;
        }
        String r = received.strip();
        return r.startsWith("W/") ? weakEqual(r, stored) : r.equals(stored.strip());
    }

    /**
     * Weak comparison (RFC 9110 §8.8.3.2): the opaque tags are equal, whatever their weakness.
     *
     * @param a an entity tag
     * @param b another
     * @return true when they match weakly
     */
    public static boolean weakEqual(String a, String b) {
        return opaque(a).equals(opaque(b));
    }

    private static String opaque(String tag) {
        String t = tag.strip();
        return t.startsWith("W/") ? t.substring(2) : t;
    }
}

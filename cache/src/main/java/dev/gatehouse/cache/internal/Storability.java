package dev.gatehouse.cache.internal;

import dev.gatehouse.core.HttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/** Whether a response may be stored by a shared cache (RFC 9111 §3, §3.5). */
public final class Storability {
    private Storability() {
    }

    /**
     * Decides on a response to a GET whose request allowed storing (no {@code no-store} in it).
     *
     * @param authorized true when the request carried Authorization as the cache received it
     * @param resp       the response, ready
     * @param s          the settings
     * @return true when the response may be stored
     */
    public static boolean storable(boolean authorized, HttpResponse resp, CacheSettings s) {
        int status = resp.status();
        // 206 and 304 are never stored whole; 1xx never reach here.
        if (status < 200 || status == 206 || status == 304 || status > 599) {
            return false;
        }
        if (s.statusCodes() != null && !s.statusCodes().contains(status)) {
            return false;
        }
        HttpHeaders h = resp.headers();
        CacheControl cc = CacheControl.of(h);
        // private is honoured whole, even with field names: the stricter reading of §5.2.2.7.
        if (cc.has("no-store") || cc.has("private")) {
            return false;
        }
        if (authorized && !(cc.has("public") || cc.has("s-maxage") || cc.has("must-revalidate"))) {
            return false; // §3.5
        }
        if (!s.storeSetCookie() && h.contains(HttpHeaderNames.SET_COOKIE)) {
            return false;
        }
        if (CacheKeys.varyStar(h)) {
            return false; // §4.1: it would never match a request
        }
        if (h.contains(HttpHeaderNames.CONTENT_RANGE)) {
            return false;
        }
        long length = resp.body().contentLength();
        if (length > s.maxEntrySize()) {
            return false;
        }
        return explicitlyCacheable(cc, h, status) && usable(cc, h, status, s);
    }

    /** §3: public, Expires, max-age, s-maxage, or a heuristically cacheable status. */
    private static boolean explicitlyCacheable(CacheControl cc, HttpHeaders h, int status) {
        return cc.has("public") || cc.has("max-age") || cc.has("s-maxage") || h.contains(HttpHeaderNames.EXPIRES)
                || Freshness.HEURISTIC_STATUSES.contains(status);
    }

    /** Storing is worth it only when the response will be fresh for a while or can be revalidated. */
    private static boolean usable(CacheControl cc, HttpHeaders h, int status, CacheSettings s) {
        if (h.contains(HttpHeaderNames.ETAG) || h.contains(HttpHeaderNames.LAST_MODIFIED)) {
            return true;
        }
        StoredResponse probe = new StoredResponse(status, h, new byte[0], 0, s.clock().millis(), java.util.Map.of());
        return !cc.has("no-cache") && s.freshness().lifetime(probe) > 0;
    }
}

package dev.gatehouse.cache.internal;

import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.util.Date;
import java.util.Set;

/** Freshness lifetime (RFC 9111 §4.2.1, §4.2.2) and age (§4.2.3) of stored responses, in milliseconds. */
public final class Freshness {
    /**
     * Status codes heuristically cacheable by default (RFC 9110 §15.1), less 206: partial content is not
     * stored.
     */
    public static final Set<Integer> HEURISTIC_STATUSES = Set.of(200, 203, 204, 300, 301, 308, 404, 405, 410,
            414, 501);

    /** The Last-Modified heuristic's fraction of the time since the last change (§4.2.2: typically 10%). */
    static final double HEURISTIC_FRACTION = 0.1;

    /** The Last-Modified heuristic never gives more than a day (past a day, RFC 7234 asked for a warning). */
    public static final long HEURISTIC_CAP_MILLIS = Duration.ofDays(1).toMillis();

    private final long defaultTtlMillis;

    /** @param defaultTtl the lifetime of responses without explicit freshness, or null for the heuristic only */
    public Freshness(Duration defaultTtl) {
        this.defaultTtlMillis = defaultTtl == null ? -1 : defaultTtl.toMillis();
    }

    /**
     * The freshness lifetime (§4.2.1): s-maxage, then max-age, then Expires minus Date, then (only for a
     * heuristically cacheable status or a {@code public} response) the configured default or the
     * Last-Modified heuristic.
     *
     * @param r the stored response
     * @return the lifetime in millis; 0 when it is stale on arrival
     */
    public long lifetime(StoredResponse r) {
        long explicit = r.explicitLifetime();
        if (explicit >= 0) {
            return explicit;
        }
        if (!HEURISTIC_STATUSES.contains(r.status()) && !r.cacheControl().has("public")) {
            return 0;
        }
        if (defaultTtlMillis >= 0) {
            return defaultTtlMillis;
        }
        return r.heuristicLifetime();
    }

    /**
     * The explicit freshness lifetime of a response, for a shared cache.
     *
     * @param cc           its Cache-Control
     * @param headers      its header fields
     * @param responseTime epoch millis when it arrived (stands in for a missing Date)
     * @return millis, or -1 when it has no explicit expiration
     */
    public static long explicitLifetime(CacheControl cc, HttpHeaders headers, long responseTime) {
        long s = cc.seconds("s-maxage");
        if (s >= 0) {
            return s * 1000;
        }
        s = cc.seconds("max-age");
        if (s >= 0) {
            return s * 1000;
        }
        String expires = headers.get(HttpHeaderNames.EXPIRES);
        if (expires == null) {
            return -1;
        }
        Date exp = DateFormatter.parseHttpDate(expires);
        if (exp == null) {
            return 0; // §5.3: an invalid Expires, such as "0", is a time in the past
        }
        return Math.max(0, exp.getTime() - dateValue(headers, responseTime));
    }

    /**
     * @param headers      a response's fields
     * @param responseTime when it arrived
     * @return 10% of the time since Last-Modified, at most a day; 0 without a valid Last-Modified
     */
    static long heuristic(HttpHeaders headers, long responseTime) {
        String lm = headers.get(HttpHeaderNames.LAST_MODIFIED);
        Date modified = lm == null ? null : DateFormatter.parseHttpDate(lm);
        if (modified == null) {
            return 0;
        }
        long since = dateValue(headers, responseTime) - modified.getTime();
        return since <= 0 ? 0 : Math.min(HEURISTIC_CAP_MILLIS, (long) (since * HEURISTIC_FRACTION));
    }

    /**
     * The current age (§4.2.3).
     *
     * @param r   the stored response
     * @param now epoch millis now
     * @return millis
     */
    public static long currentAge(StoredResponse r, long now) {
        long dateValue = r.dateValue();
        long apparentAge = Math.max(0, r.responseTime() - dateValue);
        long responseDelay = Math.max(0, r.responseTime() - r.requestTime());
        long correctedAgeValue = r.ageValue() * 1000 + responseDelay;
        long correctedInitialAge = Math.max(apparentAge, correctedAgeValue);
        long residentTime = Math.max(0, now - r.responseTime());
        return correctedInitialAge + residentTime;
    }

    /**
     * @param headers      the header fields
     * @param responseTime used when Date is absent or invalid
     * @return the Date value in epoch millis
     */
    static long dateValue(HttpHeaders headers, long responseTime) {
        String d = headers.get(HttpHeaderNames.DATE);
        Date date = d == null ? null : DateFormatter.parseHttpDate(d);
        return date == null ? responseTime : date.getTime();
    }

    static long ageValue(HttpHeaders headers) {
        String a = headers.get(HttpHeaderNames.AGE);
        if (a == null) {
            return 0;
        }
        long v = CacheControl.parse("a=" + a.strip()).seconds("a");
        return Math.max(0, v);
    }
}

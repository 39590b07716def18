package dev.gatehouse.traffic.ratelimit;

import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.traffic.internal.GoDurations;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * The rate-limit response headers of draft-ietf-httpapi-ratelimit-headers-06 ({@code RateLimit-Limit},
 * {@code RateLimit-Remaining}, {@code RateLimit-Reset} in delta seconds), plus {@code Retry-After} (RFC 9110) and
 * Traefik's {@code X-Retry-In} on a 429.
 */
public final class LimitHeaders {
    /** The allowance: a bucket's burst, a quota's limit. */
    public static final String LIMIT = "RateLimit-Limit";
    /** Units left after this request. */
    public static final String REMAINING = "RateLimit-Remaining";
    /** Seconds until the full allowance is back. */
    public static final String RESET = "RateLimit-Reset";
    /** Traefik's header: how long until a request would pass, as a Go duration. */
    public static final String X_RETRY_IN = "X-Retry-In";

    private LimitHeaders() {
    }

    /**
     * Sets the three {@code RateLimit-*} headers.
     *
     * @param h     the response headers
     * @param limit the allowance, as text
     * @param r     the decision
     */
    public static void set(HttpHeaders h, String limit, Reservation r) {
        h.set(LIMIT, limit);
        h.set(REMAINING, Long.toString(r.remaining()));
        h.set(RESET, Long.toString(ceilSeconds(r.resetNanos())));
    }

    /**
     * A 429 with every header.
     *
     * @param limit the allowance, as text
     * @param r     the refusal
     * @return the response
     */
    public static HttpResponse tooManyRequests(String limit, Reservation r) {
        HttpResponse resp = HttpResponse.text(429, "Too Many Requests");
        HttpHeaders h = resp.headers();
        h.set(HttpHeaderNames.RETRY_AFTER, Long.toString(Math.max(1, ceilSeconds(r.delayNanos()))));
        h.set(X_RETRY_IN, GoDurations.format(r.delayNanos()));
        set(h, limit, r);
        return resp;
    }

    /**
     * Whole seconds, rounded up, so a client that waits that long is never early.
     *
     * @param nanos a duration
     * @return seconds, 0 for nothing
     */
    public static long ceilSeconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
    }
}

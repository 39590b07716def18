package dev.gatehouse.traffic.ratelimit;

/**
 * The outcome of taking one unit of a limit (a token of a bucket, a request of a quota window).
 *
 * @param allowed    true when the request may go on (perhaps after {@code delayNanos})
 * @param delayNanos when allowed, how long to hold the request first; when refused, how long until it would pass
 * @param remaining  whole units left after this request
 * @param resetNanos how long until the limit is back to its full allowance
 */
public record Reservation(boolean allowed, long delayNanos, long remaining, long resetNanos) {
}

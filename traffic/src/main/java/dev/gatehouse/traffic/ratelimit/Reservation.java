package dev.gatehouse.traffic.ratelimit;

/**
 * The outcome of taking a token.
 *
 * @param allowed    true when the request may go on (perhaps after {@code delayNanos})
 * @param delayNanos when allowed, how long to hold the request first; when refused, how long until a token is
 *                   free
 * @param remaining  whole tokens left in the bucket after this request
 * @param resetNanos how long until the bucket is full again
 */
record Reservation(boolean allowed, long delayNanos, long remaining, long resetNanos) {
}

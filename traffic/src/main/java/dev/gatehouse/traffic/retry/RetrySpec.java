package dev.gatehouse.traffic.retry;

import java.time.Duration;

/**
 * {@code retry}: reissue a request when no upstream server replied, with Traefik's keys.
 *
 * @param attempts        how many times the request is sent at most (required, at least 1)
 * @param initialInterval the first wait of the exponential backoff; absent or 0 retries at once
 */
public record RetrySpec(Integer attempts, Duration initialInterval) {
}

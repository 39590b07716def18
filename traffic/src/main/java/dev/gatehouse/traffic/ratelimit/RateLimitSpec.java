package dev.gatehouse.traffic.ratelimit;

import dev.gatehouse.redis.RedisSpec;
import dev.gatehouse.traffic.source.SourceCriterionSpec;
import java.time.Duration;

/**
 * {@code rateLimit}: a token bucket per source, with Traefik's keys and defaults.
 *
 * @param average         requests allowed per {@code period} on average; 0 or absent for no limit
 * @param period          the period of {@code average} (default 1s)
 * @param burst           the bucket size: requests allowed at once (default 1)
 * @param sourceCriterion what groups requests into one bucket (default: the client IP)
 * @param redis           keep the buckets in Redis, shared by every gateway using it (Traefik v3.4's keys)
 * @param failureMode     with {@code redis}: what to do while Redis is unreachable (default {@code open})
 */
public record RateLimitSpec(Long average, Duration period, Long burst, SourceCriterionSpec sourceCriterion,
                            RedisSpec redis, FailureMode failureMode) {
}

package dev.gatehouse.traffic.quota;

import dev.gatehouse.redis.RedisSpec;
import dev.gatehouse.traffic.ratelimit.FailureMode;
import dev.gatehouse.traffic.source.SourceCriterionSpec;

/**
 * {@code quota}: at most {@code limit} requests per source per calendar window (UTC).
 *
 * @param limit           requests allowed per window; required, at least 1
 * @param period          the window: {@code minute}, {@code hour}, {@code day} or {@code month}; required
 * @param sourceCriterion what groups requests (as {@code rateLimit}'s; default: the client IP)
 * @param redis           count in Redis, shared by every gateway using it (the keys of {@code rateLimit.redis})
 * @param failureMode     with {@code redis}: what to do while Redis is unreachable (default {@code open})
 */
public record QuotaSpec(Long limit, QuotaPeriod period, SourceCriterionSpec sourceCriterion, RedisSpec redis,
                        FailureMode failureMode) {
}

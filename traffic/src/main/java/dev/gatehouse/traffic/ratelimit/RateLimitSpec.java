package dev.gatehouse.traffic.ratelimit;

import dev.gatehouse.traffic.source.SourceCriterionSpec;
import java.time.Duration;
import java.util.Map;

/**
 * {@code rateLimit}: a token bucket per source, with Traefik's keys and defaults.
 *
 * @param average         requests allowed per {@code period} on average; 0 or absent for no limit
 * @param period          the period of {@code average} (default 1s)
 * @param burst           the bucket size: requests allowed at once (default 1)
 * @param sourceCriterion what groups requests into one bucket (default: the client IP)
 * @param redis           Traefik's shared-state option; not supported, rejected when set
 */
public record RateLimitSpec(Long average, Duration period, Long burst, SourceCriterionSpec sourceCriterion,
                            Map<String, Object> redis) {
}

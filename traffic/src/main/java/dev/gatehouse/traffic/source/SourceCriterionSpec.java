package dev.gatehouse.traffic.source;

import dev.gatehouse.core.net.IpStrategySpec;

/**
 * {@code sourceCriterion}: what groups requests together for a limit, as in Traefik. At most one of the three
 * may be set.
 *
 * @param ipStrategy        group by client IP, picked by this strategy
 * @param requestHeaderName group by the value of this request header
 * @param requestHost       group by the requested host (with port, as the client sent it)
 */
public record SourceCriterionSpec(IpStrategySpec ipStrategy, String requestHeaderName, Boolean requestHost) {
}

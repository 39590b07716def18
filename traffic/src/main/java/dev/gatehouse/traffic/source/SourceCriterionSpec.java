package dev.gatehouse.traffic.source;

import dev.gatehouse.core.net.IpStrategySpec;

/**
 * {@code sourceCriterion}: what groups requests together for a limit. Traefik's three criteria, of which at most
 * one may be set, plus two of Gatehouse's own.
 *
 * @param ipStrategy        group by client IP, picked by this strategy
 * @param requestHeaderName group by the value of this request header
 * @param requestHost       group by the requested host (with port, as the client sent it)
 * @param consumer          group by the authenticated consumer's id; anonymous or unauthenticated requests are
 *                          grouped by client IP (picked by {@code ipStrategy} when set)
 * @param expression        group by the value of this CEL expression
 */
public record SourceCriterionSpec(IpStrategySpec ipStrategy, String requestHeaderName, Boolean requestHost,
                                  Boolean consumer, String expression) {
    /**
     * Traefik's criteria only.
     *
     * @param ipStrategy        group by client IP
     * @param requestHeaderName group by a header
     * @param requestHost       group by host
     */
    public SourceCriterionSpec(IpStrategySpec ipStrategy, String requestHeaderName, Boolean requestHost) {
        this(ipStrategy, requestHeaderName, requestHost, null, null);
    }
}

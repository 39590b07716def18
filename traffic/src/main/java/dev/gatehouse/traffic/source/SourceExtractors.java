package dev.gatehouse.traffic.source;

import dev.gatehouse.core.Consumer;
import dev.gatehouse.core.StandardAttributes;
import dev.gatehouse.core.net.ClientIpStrategy;
import dev.gatehouse.core.net.IpStrategySpec;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.policy.PolicyExpression;

/** Builds a {@link SourceExtractor} from a {@code sourceCriterion}, with Traefik's validation and defaults. */
public final class SourceExtractors {
    /** Prefix of consumer keys, so a consumer id never collides with a client IP. */
    static final String CONSUMER_PREFIX = "consumer:";
    /** Prefix of expression keys, so an expression's value never collides with a client IP. */
    static final String EXPRESSION_PREFIX = "expr:";

    /** What to group by when no criterion is configured. */
    public enum Default {
        /** The client IP (rateLimit). */
        CLIENT_IP,
        /** The requested host (inFlightReq). */
        REQUEST_HOST
    }

    private SourceExtractors() {
    }

    /**
     * Builds the extractor.
     *
     * @param spec     the criterion, or null
     * @param fallback what to use when the criterion sets nothing
     * @param keyPath  where the criterion sits in the spec, for errors
     * @return the extractor
     * @throws InvalidSpecException when more than one criterion is set or an IP strategy is invalid
     */
    public static SourceExtractor of(SourceCriterionSpec spec, Default fallback, String keyPath) {
        IpStrategySpec ip = spec == null ? null : spec.ipStrategy();
        String header = spec == null || spec.requestHeaderName() == null ? "" : spec.requestHeaderName();
        boolean host = spec != null && Boolean.TRUE.equals(spec.requestHost());
        boolean consumer = spec != null && Boolean.TRUE.equals(spec.consumer());
        String expression = spec == null || spec.expression() == null ? "" : spec.expression();
        if (!expression.isEmpty() && (!header.isEmpty() || host || consumer)) {
            throw new InvalidSpecException(keyPath,
                    "expression is mutually exclusive with requestHeaderName, requestHost and consumer");
        }
        if (ip != null && !header.isEmpty()) {
            throw new InvalidSpecException(keyPath, "ipStrategy and requestHeaderName are mutually exclusive");
        }
        if (ip != null && host) {
            throw new InvalidSpecException(keyPath, "ipStrategy and requestHost are mutually exclusive");
        }
        if (!header.isEmpty() && host) {
            throw new InvalidSpecException(keyPath, "requestHost and requestHeaderName are mutually exclusive");
        }
        if (consumer && (!header.isEmpty() || host)) {
            throw new InvalidSpecException(keyPath,
                    "consumer is mutually exclusive with requestHeaderName and requestHost");
        }
        if (!expression.isEmpty()) {
            PolicyExpression e = PolicyExpression.compile(expression, keyPath + ".expression");
            return byExpression(e, ip == null ? ClientIpStrategy.remoteAddress()
                    : ClientIpStrategy.of(ip, keyPath + ".ipStrategy"));
        }
        if (consumer) {
            return byConsumer(ip == null ? ClientIpStrategy.remoteAddress()
                    : ClientIpStrategy.of(ip, keyPath + ".ipStrategy"));
        }
        if (ip == null && header.isEmpty() && !host) {
            return fallback == Default.REQUEST_HOST ? requestHost() : ClientIpStrategy.remoteAddress()::clientIp;
        }
        if (ip != null) {
            return ClientIpStrategy.of(ip, keyPath + ".ipStrategy")::clientIp;
        }
        if (host) {
            return requestHost();
        }
        return (ctx, req) -> {
            String v = req.headers().get(header);
            return v == null ? "" : v;
        };
    }

    private static SourceExtractor byConsumer(ClientIpStrategy ips) {
        return (ctx, req) -> {
            Consumer c = ctx.get(StandardAttributes.CONSUMER);
            return c == null || c.isAnonymous() ? ips.clientIp(ctx, req) : CONSUMER_PREFIX + c.id();
        };
    }

    private static SourceExtractor byExpression(PolicyExpression e, ClientIpStrategy ips) {
        return (ctx, req) -> {
            String key = e.evaluateString(ctx, req);
            // An expression that cannot be evaluated (a missing header, say) limits by client IP, never not at all.
            return key == null ? ips.clientIp(ctx, req) : EXPRESSION_PREFIX + key;
        };
    }

    private static SourceExtractor requestHost() {
        return (ctx, req) -> req.authority() == null ? "" : req.authority();
    }
}

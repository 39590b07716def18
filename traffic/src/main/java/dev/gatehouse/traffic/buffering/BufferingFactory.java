package dev.gatehouse.traffic.buffering;

import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.core.spi.MiddlewareFactory;

/** Builds {@code buffering} middlewares. */
public final class BufferingFactory implements MiddlewareFactory<BufferingSpec> {
    @Override
    public String kind() {
        return "buffering";
    }

    @Override
    public Class<BufferingSpec> specType() {
        return BufferingSpec.class;
    }

    @Override
    public Middleware create(BufferingSpec spec, BuildContext ctx) {
        if (spec.retryExpression() != null && !spec.retryExpression().isBlank()) {
            throw new InvalidSpecException("retryExpression", "not supported yet; use the retry middleware");
        }
        long maxReq = nonNegative(spec.maxRequestBodyBytes(), "maxRequestBodyBytes");
        long maxResp = nonNegative(spec.maxResponseBodyBytes(), "maxResponseBodyBytes");
        nonNegative(spec.memRequestBodyBytes(), "memRequestBodyBytes");
        nonNegative(spec.memResponseBodyBytes(), "memResponseBodyBytes");
        return new BufferingMiddleware(maxReq, maxResp);
    }

    private static long nonNegative(Long value, String key) {
        if (value == null) {
            return 0;
        }
        if (value < 0) {
            throw new InvalidSpecException(key, "must be 0 or more, got " + value);
        }
        return value;
    }
}

package dev.gatehouse.middleware.ipallowlist;

import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.net.ClientIpStrategy;
import dev.gatehouse.core.net.IpRanges;
import dev.gatehouse.core.net.IpStrategySpec;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.core.spi.MiddlewareFactory;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Set;

/** Builds {@code ipAllowList} middlewares. */
public final class IpAllowListFactory implements MiddlewareFactory<IpAllowListSpec> {
    /** The status codes Go knows a text for; Traefik refuses any other. */
    private static final Set<Integer> KNOWN = Set.of(100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207,
            208, 226, 300, 301, 302, 303, 304, 305, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410,
            411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502,
            503, 504, 505, 506, 507, 508, 510, 511);

    @Override
    public String kind() {
        return "ipAllowList";
    }

    @Override
    public Class<IpAllowListSpec> specType() {
        return IpAllowListSpec.class;
    }

    @Override
    public Middleware create(IpAllowListSpec spec, BuildContext ctx) {
        return build(spec.sourceRange(), spec.ipStrategy(), spec.rejectStatusCode());
    }

    static Middleware build(List<String> sourceRange, IpStrategySpec strategy, Integer rejectStatusCode) {
        if (sourceRange == null || sourceRange.isEmpty()) {
            throw new InvalidSpecException("sourceRange", "sourceRange is empty");
        }
        int status = rejectStatusCode == null || rejectStatusCode == 0 ? 403 : rejectStatusCode;
        if (!KNOWN.contains(status)) {
            throw new InvalidSpecException("rejectStatusCode", "invalid HTTP status code " + status);
        }
        return new IpAllowListMiddleware(IpRanges.parse(sourceRange, "sourceRange"),
                ClientIpStrategy.of(strategy, "ipStrategy"), status,
                HttpResponseStatus.valueOf(status).reasonPhrase());
    }
}

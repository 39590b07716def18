package dev.gatehouse.traffic.source;

import dev.gatehouse.core.spi.InvalidSpecException;

/** Builds a {@link SourceExtractor} from a {@code sourceCriterion}, with Traefik's validation and defaults. */
public final class SourceExtractors {
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
        if (ip != null && !header.isEmpty()) {
            throw new InvalidSpecException(keyPath, "ipStrategy and requestHeaderName are mutually exclusive");
        }
        if (ip != null && host) {
            throw new InvalidSpecException(keyPath, "ipStrategy and requestHost are mutually exclusive");
        }
        if (!header.isEmpty() && host) {
            throw new InvalidSpecException(keyPath, "requestHost and requestHeaderName are mutually exclusive");
        }
        if (ip == null && header.isEmpty() && !host) {
            return fallback == Default.REQUEST_HOST ? requestHost() : IpStrategies.remoteAddress(null);
        }
        if (ip != null) {
            return ipStrategy(ip, keyPath + ".ipStrategy");
        }
        if (host) {
            return requestHost();
        }
        return (ctx, req) -> {
            String v = req.headers().get(header);
            return v == null ? "" : v;
        };
    }

    private static SourceExtractor requestHost() {
        return (ctx, req) -> req.authority() == null ? "" : req.authority();
    }

    private static SourceExtractor ipStrategy(IpStrategySpec ip, String keyPath) {
        int depth = ip.depth() == null ? 0 : ip.depth();
        if (depth < 0) {
            throw new InvalidSpecException(keyPath + ".depth", "must not be negative, got " + depth);
        }
        Integer subnet = ip.ipv6Subnet();
        if (depth > 0) {
            checkSubnet(subnet, keyPath);
            return IpStrategies.depth(depth, subnet);
        }
        if (ip.excludedIPs() != null && !ip.excludedIPs().isEmpty()) {
            return IpStrategies.excluded(CidrSet.parse(ip.excludedIPs(), keyPath + ".excludedIPs"));
        }
        checkSubnet(subnet, keyPath);
        return IpStrategies.remoteAddress(subnet);
    }

    private static void checkSubnet(Integer subnet, String keyPath) {
        if (subnet != null && (subnet <= 0 || subnet > 128)) {
            throw new InvalidSpecException(keyPath + ".ipv6Subnet",
                    "invalid IPv6 subnet " + subnet + ", expected a value from 1 to 128");
        }
    }
}

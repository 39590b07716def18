package dev.gatehouse.middleware.ipallowlist;

import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import java.util.List;

/**
 * Chooses the client IP of a request as Traefik's {@code ipStrategy} does, for any middleware that needs one.
 *
 * <ul>
 *   <li>{@code depth > 0}: the {@code depth}-th entry from the right of the first {@code X-Forwarded-For}
 *       header; none when the list is shorter.</li>
 *   <li>else {@code excludedIPs}: the right-most non-empty entry that is not excluded (an entry that is not an
 *       IP counts as not excluded, and is then refused); none when all are excluded.</li>
 *   <li>else the TCP peer.</li>
 * </ul>
 * {@code ipv6Subnet} applies to the depth and peer strategies only, as in Traefik.
 */
public final class ClientIpStrategy {
    private static final String XFF = "X-Forwarded-For";

    private final int depth;
    private final IpRanges excluded;
    private final int ipv6Subnet;

    private ClientIpStrategy(int depth, IpRanges excluded, int ipv6Subnet) {
        this.depth = depth;
        this.excluded = excluded;
        this.ipv6Subnet = ipv6Subnet;
    }

    /**
     * Builds a strategy.
     *
     * @param keyPath the spec key of the strategy, such as {@code ipStrategy}
     * @param spec    the spec, or null for the TCP peer
     * @return the strategy
     * @throws InvalidSpecException when excludedIPs or ipv6Subnet is invalid
     */
    public static ClientIpStrategy of(String keyPath, IpStrategySpec spec) {
        if (spec == null) {
            return new ClientIpStrategy(0, null, 0);
        }
        int depth = spec.depth() == null ? 0 : spec.depth();
        List<String> excludedIps = spec.excludedIPs() == null ? List.of() : spec.excludedIPs();
        if (depth <= 0 && !excludedIps.isEmpty()) {
            return new ClientIpStrategy(0, IpRanges.parse(keyPath + ".excludedIPs", excludedIps), 0);
        }
        int subnet = 0;
        if (spec.ipv6Subnet() != null) {
            subnet = spec.ipv6Subnet();
            if (subnet <= 0 || subnet > 128) {
                throw new InvalidSpecException(keyPath + ".ipv6Subnet",
                        "invalid IPv6 subnet " + subnet + " value, should be greater than 0 and at most 128");
            }
        }
        return new ClientIpStrategy(Math.max(depth, 0), null, subnet);
    }

    /**
     * The client IP.
     *
     * @param ctx the exchange
     * @param req the request
     * @return the address (4 or 16 bytes), or null when there is none or it is not an IP
     */
    public byte[] clientIp(RequestContext ctx, HttpRequest req) {
        if (depth > 0) {
            String[] xff = forwardedFor(req);
            if (xff.length < depth) {
                return null;
            }
            return subnet(IpRanges.parseIp(xff[xff.length - depth].strip()));
        }
        if (excluded != null) {
            String[] xff = forwardedFor(req);
            for (int i = xff.length - 1; i >= 0; i--) {
                String entry = xff[i].strip();
                if (entry.isEmpty()) {
                    continue;
                }
                byte[] ip = IpRanges.parseIp(entry);
                if (ip == null || !excluded.contains(ip)) {
                    return ip;
                }
            }
            return null;
        }
        if (ctx.clientAddress() == null || ctx.clientAddress().getAddress() == null) {
            return null;
        }
        return subnet(ctx.clientAddress().getAddress().getAddress());
    }

    private static String[] forwardedFor(HttpRequest req) {
        String v = req.headers().get(XFF);
        // Like Go's strings.Split: an absent header is one empty entry, and empty entries are kept.
        return (v == null ? "" : v).split(",", -1);
    }

    private byte[] subnet(byte[] ip) {
        if (ip == null || ipv6Subnet == 0 || ip.length != 16) {
            return ip;
        }
        return IpRanges.mask(ip, ipv6Subnet);
    }
}

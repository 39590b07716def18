package dev.gatehouse.core.net;

import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Chooses the client IP of a request as Traefik's {@code ipStrategy} does.
 *
 * <ul>
 *   <li>{@code depth > 0}: the {@code depth}-th entry from the right of the first {@code X-Forwarded-For}
 *       header, trimmed; none when the list is shorter.</li>
 *   <li>else {@code excludedIPs}: the right-most non-empty entry that is not an excluded IP (an entry that is
 *       not an IP is never excluded, so it is chosen as it is); none when all are excluded.</li>
 *   <li>else the TCP peer.</li>
 * </ul>
 * {@code ipv6Subnet} applies to the depth and peer strategies only, as in Traefik. Instances are immutable and
 * may be shared between threads.
 */
public final class ClientIpStrategy {
    private static final String X_FORWARDED_FOR = "X-Forwarded-For";
    private static final int NO_SUBNET = -1;
    private static final ClientIpStrategy REMOTE_ADDRESS = new ClientIpStrategy(0, null, NO_SUBNET);

    private final int depth;
    private final IpRanges excluded;
    private final int ipv6Subnet;

    private ClientIpStrategy(int depth, IpRanges excluded, int ipv6Subnet) {
        this.depth = depth;
        this.excluded = excluded;
        this.ipv6Subnet = ipv6Subnet;
    }

    /**
     * The strategy used without {@code ipStrategy}: the TCP peer's address.
     *
     * @return the strategy
     */
    public static ClientIpStrategy remoteAddress() {
        return REMOTE_ADDRESS;
    }

    /**
     * Builds a strategy, validating as Traefik does: {@code ipv6Subnet} is checked only when it is used (with
     * depth or the peer address), and a depth of 0 or less means no depth.
     *
     * @param spec    the spec, or null for {@link #remoteAddress()}
     * @param keyPath where the spec sits, such as {@code ipStrategy}; errors name {@code keyPath.excludedIPs[i]}
     *                or {@code keyPath.ipv6Subnet}
     * @return the strategy
     * @throws InvalidSpecException when excludedIPs or ipv6Subnet is invalid
     */
    public static ClientIpStrategy of(IpStrategySpec spec, String keyPath) {
        if (spec == null) {
            return REMOTE_ADDRESS;
        }
        int depth = spec.depth() == null ? 0 : spec.depth();
        if (depth > 0) {
            return new ClientIpStrategy(depth, null, subnet(spec.ipv6Subnet(), keyPath));
        }
        List<String> excludedIps = spec.excludedIPs() == null ? List.of() : spec.excludedIPs();
        if (!excludedIps.isEmpty()) {
            return new ClientIpStrategy(0, IpRanges.parse(excludedIps, keyPath + ".excludedIPs"), NO_SUBNET);
        }
        int subnet = subnet(spec.ipv6Subnet(), keyPath);
        return subnet == NO_SUBNET ? REMOTE_ADDRESS : new ClientIpStrategy(0, null, subnet);
    }

    /**
     * The client IP, as Traefik's {@code Strategy.GetIP}. The text is what Traefik would give: an
     * {@code X-Forwarded-For} entry is returned as it was sent (it may not be an IP, or carry a port), except
     * that {@code ipv6Subnet} turns an IPv6 address into the first address of its subnet; the peer address is
     * formatted as by {@link IpAddresses#format}. Check it with {@link IpRanges#containsHost}, or use it as a
     * grouping key.
     *
     * @param ctx the exchange
     * @param req the request
     * @return the client IP, or an empty string when there is none
     */
    public String clientIp(RequestContext ctx, HttpRequest req) {
        if (depth > 0) {
            String[] xff = forwardedFor(req);
            if (xff.length < depth) {
                return "";
            }
            String ip = xff[xff.length - depth].strip();
            return ipv6Subnet == NO_SUBNET ? ip : ipv6SubnetIp(ip, ipv6Subnet);
        }
        if (excluded != null) {
            String[] xff = forwardedFor(req);
            for (int i = xff.length - 1; i >= 0; i--) {
                String ip = xff[i].strip();
                if (!ip.isEmpty() && !excluded.contains(ip)) {
                    return ip;
                }
            }
            return "";
        }
        return peerIp(ctx);
    }

    /**
     * Traefik's {@code getIPv6SubnetIP}: the first address of the {@code /bits} subnet of an IPv6 address
     * (an IPv4-mapped one included, as Go's {@code netip} counts it as IPv6); any other text, or bits out of
     * range, gives {@code ip} unchanged.
     */
    static String ipv6SubnetIp(String ip, int bits) {
        byte[] a = IpAddresses.parse(ip);
        if (a == null || a.length != 16 || bits < 0 || bits > 128) {
            return ip;
        }
        return IpAddresses.format(IpAddresses.mask(a, bits));
    }

    private String peerIp(RequestContext ctx) {
        InetSocketAddress peer = ctx.clientAddress();
        if (peer == null) {
            return "";
        }
        InetAddress addr = peer.getAddress();
        if (addr == null) {
            // Traefik keeps a remote address it cannot split as it is.
            return peer.getHostString();
        }
        byte[] b = addr.getAddress();
        if (ipv6Subnet != NO_SUBNET && b.length == 16) {
            b = IpAddresses.mask(b, ipv6Subnet);
        }
        return IpAddresses.format(b);
    }

    private static int subnet(Integer subnet, String keyPath) {
        if (subnet == null) {
            return NO_SUBNET;
        }
        if (subnet <= 0 || subnet > 128) {
            throw new InvalidSpecException(keyPath + ".ipv6Subnet",
                    "invalid IPv6 subnet " + subnet + " value, should be greater than 0 and at most 128");
        }
        return subnet;
    }

    private static String[] forwardedFor(HttpRequest req) {
        // Like Go's Header.Get and strings.Split: only the first X-Forwarded-For line counts, an absent header
        // is one empty entry, and empty entries are kept (they count for depth).
        String v = req.headers().get(X_FORWARDED_FOR);
        return (v == null ? "" : v).split(",", -1);
    }
}

package dev.gatehouse.traffic.source;

import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.RequestContext;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/** The three ways Traefik picks a client IP: the TCP peer, a depth into X-Forwarded-For, or excluded IPs. */
final class IpStrategies {
    private static final String X_FORWARDED_FOR = "X-Forwarded-For";

    private IpStrategies() {
    }

    /**
     * The TCP peer's address.
     *
     * @param ipv6Subnet prefix length to group IPv6 peers by, or null
     * @return the extractor
     */
    static SourceExtractor remoteAddress(Integer ipv6Subnet) {
        return (ctx, req) -> {
            String ip = peerIp(ctx);
            return ipv6Subnet == null ? ip : subnetKey(ip, ipv6Subnet);
        };
    }

    /**
     * The IP at {@code depth} from the right of the first X-Forwarded-For header; empty when there are fewer.
     *
     * @param depth      1 for the rightmost
     * @param ipv6Subnet prefix length to group IPv6 addresses by, or null
     * @return the extractor
     */
    static SourceExtractor depth(int depth, Integer ipv6Subnet) {
        return (ctx, req) -> {
            String[] xff = forwardedFor(req);
            if (xff.length < depth) {
                return "";
            }
            String ip = xff[xff.length - depth].trim();
            return ipv6Subnet == null ? ip : subnetKey(ip, ipv6Subnet);
        };
    }

    /**
     * The rightmost X-Forwarded-For entry that is not excluded; empty when every entry is.
     *
     * @param excluded the excluded IPs and ranges
     * @return the extractor
     */
    static SourceExtractor excluded(CidrSet excluded) {
        return (ctx, req) -> {
            String[] xff = forwardedFor(req);
            for (int i = xff.length - 1; i >= 0; i--) {
                String ip = xff[i].trim();
                if (!ip.isEmpty() && !excluded.contains(ip)) {
                    return ip;
                }
            }
            return "";
        };
    }

    /**
     * The first address of the IPv6 subnet an address is in; other text is returned as it is.
     *
     * @param ip   an address
     * @param bits the prefix length
     * @return the key
     */
    static String subnetKey(String ip, int bits) {
        byte[] a = IpAddresses.parse(ip);
        if (a == null || a.length != 16 || bits < 0 || bits > 128) {
            return ip;
        }
        return IpAddresses.formatV6(IpAddresses.mask(a, bits));
    }

    private static String peerIp(RequestContext ctx) {
        InetSocketAddress peer = ctx.clientAddress();
        if (peer == null) {
            return "";
        }
        InetAddress addr = peer.getAddress();
        if (addr == null) {
            return peer.getHostString();
        }
        byte[] b = addr.getAddress();
        return b.length == 16 ? IpAddresses.formatV6(b) : addr.getHostAddress();
    }

    private static String[] forwardedFor(HttpRequest req) {
        // Like Go's Header.Get: only the first X-Forwarded-For line counts.
        String v = req.headers().get(X_FORWARDED_FOR);
        return (v == null ? "" : v).split(",", -1);
    }
}

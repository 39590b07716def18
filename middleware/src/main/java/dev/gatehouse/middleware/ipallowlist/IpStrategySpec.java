package dev.gatehouse.middleware.ipallowlist;

import java.util.List;

/**
 * {@code ipStrategy}: how the client IP is chosen. Without it, the TCP peer's address is used.
 *
 * @param depth       take the {@code depth}-th address from the right of {@code X-Forwarded-For}; wins over
 *                    excludedIPs; a list shorter than depth yields no IP (rejected)
 * @param excludedIPs take the right-most {@code X-Forwarded-For} address not in these IPs/CIDRs
 * @param ipv6Subnet  with depth or the peer address: reduce an IPv6 client to the first address of its
 *                    {@code /ipv6Subnet}, so a whole subnet counts as one client (1 to 128)
 */
public record IpStrategySpec(Integer depth, List<String> excludedIPs, Integer ipv6Subnet) {
}

package dev.gatehouse.core.net;

import java.util.List;

/**
 * {@code ipStrategy}: how the client IP is chosen, as in Traefik. Without it, the TCP peer's address is used.
 * Shared by every middleware that takes one ({@code ipAllowList}, {@code rateLimit}, {@code inFlightReq});
 * {@link ClientIpStrategy#of} builds it.
 *
 * @param depth       take the entry at this position of {@code X-Forwarded-For}, counted from the right
 *                    (1 = last); wins over {@code excludedIPs}; a list shorter than depth yields no IP; 0, a
 *                    negative value or absent to ignore
 * @param excludedIPs take the right-most {@code X-Forwarded-For} entry that is not in these IPs or CIDRs
 * @param ipv6Subnet  with depth or the peer address: reduce an IPv6 client to the first address of its
 *                    {@code /ipv6Subnet}, so a whole subnet counts as one client (1 to 128)
 */
public record IpStrategySpec(Integer depth, List<String> excludedIPs, Integer ipv6Subnet) {
}

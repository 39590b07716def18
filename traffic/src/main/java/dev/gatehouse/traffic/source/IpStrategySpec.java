package dev.gatehouse.traffic.source;

import java.util.List;

/**
 * {@code ipStrategy}: how the client IP is picked, as in Traefik.
 *
 * @param depth       take the IP at this position of {@code X-Forwarded-For}, counted from the right (wins over
 *                    {@code excludedIPs}); 0 or absent to ignore
 * @param excludedIPs scan {@code X-Forwarded-For} from the right and take the first IP not in these IPs or CIDRs
 * @param ipv6Subnet  group IPv6 addresses by this prefix length (1 to 128); applies to the remote address and
 *                    to {@code depth}
 */
public record IpStrategySpec(Integer depth, List<String> excludedIPs, Integer ipv6Subnet) {
}

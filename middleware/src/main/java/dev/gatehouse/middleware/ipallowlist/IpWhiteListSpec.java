package dev.gatehouse.middleware.ipallowlist;

import dev.gatehouse.core.net.IpStrategySpec;
import java.util.List;

/**
 * {@code ipWhiteList}: the deprecated name Traefik v3 still accepts for {@link IpAllowListSpec}, without
 * {@code rejectStatusCode} (always 403).
 *
 * @param sourceRange allowed IPs and CIDRs; required
 * @param ipStrategy  how the client IP is chosen; default the TCP peer
 */
public record IpWhiteListSpec(List<String> sourceRange, IpStrategySpec ipStrategy) {
}

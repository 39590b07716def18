package dev.gatehouse.middleware.ipallowlist;

import dev.gatehouse.core.net.IpStrategySpec;
import java.util.List;

/**
 * {@code ipAllowList}: only lets listed client IPs through.
 *
 * @param sourceRange      allowed IPs and CIDRs, IPv4 or IPv6; required
 * @param ipStrategy       how the client IP is chosen; default the TCP peer
 * @param rejectStatusCode the status for a refused client; default 403
 */
public record IpAllowListSpec(List<String> sourceRange, IpStrategySpec ipStrategy, Integer rejectStatusCode) {
}

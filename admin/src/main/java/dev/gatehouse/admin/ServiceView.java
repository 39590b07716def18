package dev.gatehouse.admin;

import java.util.List;
import java.util.Map;

/**
 * One HTTP service as the admin API shows it (Traefik's service representation).
 *
 * @param name         the qualified name, {@code name@provider}
 * @param provider     the provider
 * @param status       {@code enabled}, {@code warning} or {@code disabled}
 * @param errors       what is wrong with it; empty when nothing is
 * @param type         {@code loadbalancer}, {@code weighted}, {@code mirroring} or {@code failover}
 * @param spec         the service's settings, serialised as they are (a {@code ServiceSpec}, say), giving the
 *                     {@code loadBalancer} (or other kind) key
 * @param serverStatus server URL to {@code UP} or {@code DOWN}
 * @param usedBy       the routers that use it
 */
public record ServiceView(String name, String provider, String status, List<String> errors, String type,
                          Object spec, Map<String, String> serverStatus, List<String> usedBy) {
}

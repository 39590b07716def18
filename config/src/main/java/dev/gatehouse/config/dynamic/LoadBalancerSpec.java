package dev.gatehouse.config.dynamic;

import java.time.Duration;
import java.util.List;

/**
 * {@code http.services.NAME.loadBalancer}.
 *
 * @param servers            the servers
 * @param strategy           {@code wrr} (default) or {@code p2c}
 * @param passHostHeader     forward the client's Host header (default true)
 * @param healthCheck        active health checking, or null
 * @param passiveHealthCheck passive health checking, or null
 * @param sticky             sticky sessions, or null
 * @param serversTransport   the servers transport name, or null for the default
 * @param responseForwarding response flushing, or null
 */
public record LoadBalancerSpec(List<ServerSpec> servers, String strategy, Boolean passHostHeader,
                               HealthCheckSpec healthCheck, PassiveHealthCheckSpec passiveHealthCheck,
                               StickySpec sticky, String serversTransport,
                               ResponseForwardingSpec responseForwarding) {
    /**
     * {@code responseForwarding}.
     *
     * @param flushInterval how often buffered response data is flushed; Gatehouse streams every chunk as it
     *                      arrives, so only negative (flush at once) and absent are meaningful
     */
    public record ResponseForwardingSpec(Duration flushInterval) {
    }
}

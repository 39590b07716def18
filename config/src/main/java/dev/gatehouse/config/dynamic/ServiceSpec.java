package dev.gatehouse.config.dynamic;

/**
 * {@code http.services.NAME}: exactly one of the four kinds is set.
 *
 * @param loadBalancer servers behind a load balancer
 * @param weighted     weighted round robin over other services
 * @param mirroring    a main service plus mirrors
 * @param failover     a main service and a fallback
 */
public record ServiceSpec(LoadBalancerSpec loadBalancer, WeightedSpec weighted, MirroringSpec mirroring,
                          FailoverSpec failover) {
}

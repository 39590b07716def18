package dev.gatehouse.config.dynamic;

/**
 * {@code http.services.NAME.failover}: the main service while it is healthy, the fallback when it is not.
 *
 * @param service     the main service
 * @param fallback    the fallback service
 * @param healthCheck propagate health, or null
 */
public record FailoverSpec(String service, String fallback, EmptySpec healthCheck) {
}

package dev.gatehouse.config.dynamic;

import java.time.Duration;
import java.util.Map;

/**
 * {@code loadBalancer.healthCheck}: active checks.
 *
 * @param scheme            replaces the server URL's scheme
 * @param mode              {@code http} (default) or {@code grpc} (not supported yet)
 * @param path              the path to check
 * @param method            the method (default GET)
 * @param status            the expected status; null means any 2xx or 3xx
 * @param port              replaces the server URL's port
 * @param interval          the interval between checks (default 30s)
 * @param unhealthyInterval the interval while a server is down (default: interval)
 * @param timeout           the check's timeout (default 5s)
 * @param hostname          the Host header to send
 * @param followRedirects   follow redirects (default true)
 * @param headers           extra request headers
 */
public record HealthCheckSpec(String scheme, String mode, String path, String method, Integer status,
                              Integer port, Duration interval, Duration unhealthyInterval, Duration timeout,
                              String hostname, Boolean followRedirects, Map<String, String> headers) {
}

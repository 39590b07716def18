package dev.gatehouse.observability.internal;

import java.time.Instant;

/**
 * What one access log line says, captured on the event loop as plain values so formatting can happen on the
 * writer thread without touching the exchange. Header values are already dropped or redacted.
 *
 * @param start         when the exchange began
 * @param durationNanos how long it took
 * @param clientIp      the peer's IP, or null
 * @param clientPort    the peer's port, or -1
 * @param username      the authenticated user, or null
 * @param method        the request method
 * @param authority     the requested host (and port), or an empty string
 * @param uri           the request target (path and query)
 * @param protocol      {@code HTTP/1.1} and so on
 * @param scheme        {@code http} or {@code https}
 * @param status        the status sent, 0 when none was
 * @param requestBytes  request body bytes
 * @param responseBytes response body bytes
 * @param requestCount  the request's number since the gateway started
 * @param router        the router's qualified name, or null
 * @param service       the service's qualified name, or null
 * @param serviceUrl    the upstream server URL, or null
 * @param entryPoint    the entry point's name
 * @param referer       the Referer value for the common format (null when absent or dropped)
 * @param userAgent     the User-Agent value for the common format (null when absent or dropped)
 * @param headers       request headers to log, as canonical name and value pairs
 * @param consumerId    the authenticated Consumer's id, or null
 * @param authMethod    how the Consumer was authenticated ({@code jwt}, {@code apiKey}, ...), or null
 * @param authDecision  the name of the policy rule that decided the request, or null
 */
public record AccessLogEntry(Instant start, long durationNanos, String clientIp, int clientPort, String username,
                             String method, String authority, String uri, String protocol, String scheme,
                             int status, long requestBytes, long responseBytes, long requestCount, String router,
                             String service, String serviceUrl, String entryPoint, String referer,
                             String userAgent, String[] headers, String consumerId, String authMethod,
                             String authDecision) {
}

package dev.gatehouse.config.dynamic;

import java.util.List;

/**
 * {@code http.routers.NAME}.
 *
 * @param entryPoints the entry points it listens on; null or empty means all entry points
 * @param rule        the rule expression, such as {@code Host(`a.com`) && PathPrefix(`/api`)}
 * @param ruleSyntax  {@code v3} (default); {@code v2} is rejected as not supported yet
 * @param priority    the priority; null means the rule's length, as in Traefik
 * @param middlewares the middleware names, in order
 * @param service     the service name
 * @param tls         TLS settings; non-null means the router only takes TLS requests
 */
public record RouterSpec(List<String> entryPoints, String rule, String ruleSyntax, Integer priority,
                         List<String> middlewares, String service, RouterTlsSpec tls) {
}

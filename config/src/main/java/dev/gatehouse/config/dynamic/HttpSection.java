package dev.gatehouse.config.dynamic;

import java.util.Map;

/**
 * The {@code http:} section. Maps keep the file's order.
 *
 * @param routers           routers by name
 * @param services          services by name
 * @param middlewares       middlewares by name
 * @param serversTransports servers transports by name
 */
public record HttpSection(Map<String, RouterSpec> routers, Map<String, ServiceSpec> services,
                          Map<String, MiddlewareSpec> middlewares,
                          Map<String, ServersTransportSpec> serversTransports) {
    /** @return an empty section */
    public static HttpSection empty() {
        return new HttpSection(Map.of(), Map.of(), Map.of(), Map.of());
    }
}

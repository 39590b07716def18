package dev.gatehouse.runtime;

import dev.gatehouse.core.HttpHandler;

/**
 * A compiled router: its qualified name and its whole chain (entry-point middlewares, the router's
 * middlewares, the service), composed once per snapshot.
 *
 * @param name    the router's qualified name
 * @param service the service's qualified name
 * @param chain   the composed chain
 */
public record Route(String name, String service, HttpHandler chain) {
}

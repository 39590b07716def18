package dev.gatehouse.core;

/**
 * Turns a request into a response. The terminal element of every route: a service's load balancer, the
 * built-in echo backend, an admin endpoint.
 *
 * <p>Called on the exchange's event loop. It must not block: work that waits goes elsewhere and completes a
 * {@link HttpResponse#pending() pending} response back on {@link RequestContext#eventLoop()}.
 */
@FunctionalInterface
public interface HttpHandler {
    /**
     * Handles one exchange.
     *
     * @param ctx the exchange's context
     * @param req the request; owned by the exchange, and its body must be forwarded or left to the exchange
     * @return the response, ready now or later
     */
    HttpResponse handle(RequestContext ctx, HttpRequest req);
}

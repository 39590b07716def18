package dev.gatehouse.runtime;

import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.router.RouterIndex;

/**
 * One entry point's routers, in two indexes as Traefik splits them: routers with {@code tls} take only TLS
 * requests, routers without take only plain ones.
 *
 * @param plain routers for plain HTTP
 * @param tls   routers for TLS
 */
public record EntryPointRoutes(RouterIndex<Route> plain, RouterIndex<Route> tls) {
    /**
     * Finds the route for a request.
     *
     * @param ctx the exchange
     * @param req the request
     * @return the route, or null
     */
    public Route match(RequestContext ctx, HttpRequest req) {
        return (ctx.secure() ? tls : plain).match(ctx, req);
    }
}

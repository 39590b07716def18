package dev.gatehouse.runtime;

import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.RequestContext;

/**
 * The handler an entry point's listener calls for every request: read the snapshot once, match a router,
 * run its chain. No route gives Traefik's 404.
 */
public final class Dispatcher implements HttpHandler {
    private final String entryPoint;
    private final SnapshotHolder holder;

    /**
     * @param entryPoint the entry point's name
     * @param holder     the live snapshot
     */
    public Dispatcher(String entryPoint, SnapshotHolder holder) {
        this.entryPoint = entryPoint;
        this.holder = holder;
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req) {
        Route route = holder.current().match(entryPoint, ctx, req);
        if (route == null) {
            return HttpResponse.text(404, "404 page not found\n");
        }
        ctx.router(route.name());
        ctx.service(route.service());
        return route.chain().handle(ctx, req);
    }
}

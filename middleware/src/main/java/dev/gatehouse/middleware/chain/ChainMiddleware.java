package dev.gatehouse.middleware.chain;

import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import java.util.List;

/**
 * Runs its members in order in front of the rest of the chain. The members are fixed at build time; only the
 * link to {@code next} is made per request (one small handler per member), since {@code next} differs between
 * the routers that share this chain.
 */
final class ChainMiddleware implements Middleware {
    private final List<Middleware> members;

    ChainMiddleware(List<Middleware> members) {
        this.members = members;
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req, HttpHandler next) {
        return switch (members.size()) {
            case 0 -> next.handle(ctx, req);
            case 1 -> members.get(0).handle(ctx, req, next);
            default -> Middleware.compose(members, next).handle(ctx, req);
        };
    }
}

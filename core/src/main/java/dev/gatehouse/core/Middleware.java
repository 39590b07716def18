package dev.gatehouse.core;

import java.util.List;

/**
 * One step of a router's chain. A middleware may change the request and call {@code next}, answer by itself,
 * or change the response that {@code next} returns.
 *
 * <pre>
 *  request ─▶ [entry-point middlewares] ─▶ [router middlewares] ─▶ service (HttpHandler)
 *  response ◀───────── onReady listeners run innermost first ◀──────────┘
 * </pre>
 *
 * <p>Chains are composed once, when a snapshot is compiled ({@link #compose}). A middleware that only touches
 * headers costs one virtual call: it registers {@link HttpResponse#onReady} on what {@code next} returns.
 * Middlewares are shared by every exchange on every event loop, so they must be thread-safe; per-exchange
 * state goes in {@link RequestContext} attributes.
 */
@FunctionalInterface
public interface Middleware {
    /**
     * Handles one exchange.
     *
     * @param ctx  the exchange's context
     * @param req  the request, which this middleware may change before calling {@code next}
     * @param next the rest of the chain
     * @return the response, ready now or later
     */
    HttpResponse handle(RequestContext ctx, HttpRequest req, HttpHandler next);

    /**
     * Composes middlewares in front of a handler: the first in the list sees the request first.
     *
     * @param chain    the middlewares, outermost first
     * @param terminal the handler at the end of the chain
     * @return one handler for the whole chain
     */
    static HttpHandler compose(List<? extends Middleware> chain, HttpHandler terminal) {
        HttpHandler next = terminal;
        for (int i = chain.size() - 1; i >= 0; i--) {
            Middleware m = chain.get(i);
            HttpHandler inner = next;
            next = (ctx, req) -> m.handle(ctx, req, inner);
        }
        return next;
    }
}

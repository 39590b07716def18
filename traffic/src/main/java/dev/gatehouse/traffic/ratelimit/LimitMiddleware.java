package dev.gatehouse.traffic.ratelimit;

import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.traffic.internal.Scheduler;
import dev.gatehouse.traffic.source.SourceExtractor;

/**
 * Applies a limit per source: in-process, or in a shared store with the in-process limit as the fallback.
 *
 * <pre>
 *  source ─▶ shared store? ── no ──▶ local.reserve ─────────────────────────┐
 *                └─ yes ─▶ shared.reserve (one round trip, off the loop)     │
 *                            ├─ answer ─────────────────────────────────────┤
 *                            └─ failure ─ open ─▶ local.reserve (counted) ──┤
 *                                       └ closed ─▶ 503                     ▼
 *                     allowed: next (maybe after a short hold) + RateLimit-* headers;  refused: 429
 * </pre>
 *
 * <p>A store answer completes on the store connection's thread: in a running gateway that is the request's own
 * event loop (the connection lives there), and the exchange continues at once; otherwise it hops to its loop.
 */
public final class LimitMiddleware implements Middleware {
    private final String kind;
    private final SourceExtractor sources;
    private final Limiter local;
    private final SharedLimiter shared;
    private final StoreHealth health;
    private final Scheduler scheduler;
    private final String limitValue;

    /**
     * @param kind      the middleware kind, for error details
     * @param sources   what groups requests
     * @param local     the in-process limit
     * @param shared    the shared limit, or null to count in-process only
     * @param health    the shared store's health, or null without a shared store
     * @param scheduler holds smoothed requests
     * @param limit     the {@code RateLimit-Limit} value
     */
    public LimitMiddleware(String kind, SourceExtractor sources, Limiter local, SharedLimiter shared,
                           StoreHealth health, Scheduler scheduler, long limit) {
        this.kind = kind;
        this.sources = sources;
        this.local = local;
        this.shared = shared;
        this.health = health;
        this.scheduler = scheduler;
        this.limitValue = Long.toString(limit);
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req, HttpHandler next) {
        String source = sources.extract(ctx, req);
        if (shared == null) {
            return proceed(ctx, req, next, local.reserve(source));
        }
        HttpResponse later = HttpResponse.pending();
        shared.reserve(source).whenComplete((r, e) -> ctx.runOnLoop(() -> {
            HttpResponse resp;
            try {
                resp = decided(ctx, req, next, source, r, e);
            } catch (RuntimeException ex) {
                ctx.errorDetail(kind + ": " + ex);
                resp = HttpResponse.text(500, "Internal Server Error");
            }
            later.completeWith(resp);
        }));
        return later;
    }

    private HttpResponse decided(RequestContext ctx, HttpRequest req, HttpHandler next, String source,
                                 Reservation r, Throwable e) {
        if (e == null) {
            health.answered();
            return proceed(ctx, req, next, r);
        }
        health.failed(e);
        if (health.mode() == FailureMode.CLOSED) {
            ctx.errorDetail(kind + ": redis store unavailable");
            return HttpResponse.text(503, "Service Unavailable");
        }
        return proceed(ctx, req, next, local.reserve(source));
    }

    private HttpResponse proceed(RequestContext ctx, HttpRequest req, HttpHandler next, Reservation r) {
        if (!r.allowed()) {
            return LimitHeaders.tooManyRequests(limitValue, r);
        }
        if (r.delayNanos() <= 0) {
            return next.handle(ctx, req).onReady(resp -> LimitHeaders.set(resp.headers(), limitValue, r));
        }
        // Smooth a small excess instead of refusing it: hold the request on the event loop, never sleep.
        HttpResponse later = HttpResponse.pending();
        Runnable cancel = scheduler.schedule(ctx, () -> later.completeWith(callNext(ctx, req, next)
                .onReady(x -> LimitHeaders.set(x.headers(), limitValue, r))), r.delayNanos());
        ctx.onComplete(cancel);
        return later;
    }

    private HttpResponse callNext(RequestContext ctx, HttpRequest req, HttpHandler next) {
        try {
            return next.handle(ctx, req);
        } catch (RuntimeException e) {
            ctx.errorDetail(kind + ": " + e);
            return HttpResponse.text(500, "Internal Server Error");
        }
    }
}

package dev.gatehouse.traffic.inflightreq;

import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.traffic.source.SourceExtractor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Caps the requests in progress per source. The slot is taken when the request arrives and given back when the
 * exchange ends ({@link RequestContext#onComplete}), however it ends: after the last response byte, on an
 * error, or when the client goes away. Over the cap the answer is 429 with Traefik's body.
 */
public final class InFlightReqMiddleware implements Middleware {
    private final InFlightCounters counters;
    private final SourceExtractor sources;
    private final String refusal;

    InFlightReqMiddleware(InFlightCounters counters, SourceExtractor sources) {
        this.counters = counters;
        this.sources = sources;
        this.refusal = "max connections reached: " + counters.max();
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req, HttpHandler next) {
        String key = sources.extract(ctx, req);
        AtomicLong slot = counters.tryAcquire(key);
        if (slot == null) {
            return HttpResponse.text(429, refusal);
        }
        ctx.onComplete(() -> counters.release(key, slot));
        return next.handle(ctx, req);
    }
}

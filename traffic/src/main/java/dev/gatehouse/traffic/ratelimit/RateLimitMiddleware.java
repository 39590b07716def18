package dev.gatehouse.traffic.ratelimit;

import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.traffic.internal.GoDurations;
import dev.gatehouse.traffic.internal.Scheduler;
import dev.gatehouse.traffic.source.SourceExtractor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * Limits the request rate per source with a token bucket. A request that finds the bucket empty waits for the
 * next token when that is at most half a token interval away (Traefik's smoothing), and is refused with 429
 * otherwise. Every answer carries {@code RateLimit-Limit}, {@code RateLimit-Remaining} and
 * {@code RateLimit-Reset}; a 429 also carries {@code Retry-After} and Traefik's {@code X-Retry-In}.
 */
public final class RateLimitMiddleware implements Middleware {
    static final String LIMIT = "RateLimit-Limit";
    static final String REMAINING = "RateLimit-Remaining";
    static final String RESET = "RateLimit-Reset";
    static final String X_RETRY_IN = "X-Retry-In";

    private final TokenBuckets buckets;
    private final SourceExtractor sources;
    private final Scheduler scheduler;
    private final String limitValue;

    RateLimitMiddleware(TokenBuckets buckets, SourceExtractor sources, Scheduler scheduler) {
        this.buckets = buckets;
        this.sources = sources;
        this.scheduler = scheduler;
        this.limitValue = Long.toString(buckets.burst());
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req, HttpHandler next) {
        Reservation r = buckets.reserve(sources.extract(ctx, req));
        if (!r.allowed()) {
            return tooManyRequests(r);
        }
        if (r.delayNanos() <= 0) {
            return next.handle(ctx, req).onReady(resp -> addHeaders(resp.headers(), r));
        }
        // Smooth a small excess instead of refusing it: hold the request on the event loop, never sleep.
        HttpResponse later = HttpResponse.pending();
        Runnable cancel = scheduler.schedule(ctx, () -> {
            HttpResponse resp;
            try {
                resp = next.handle(ctx, req);
            } catch (RuntimeException e) {
                ctx.errorDetail("rateLimit: " + e);
                resp = HttpResponse.text(500, "Internal Server Error");
            }
            later.completeWith(resp.onReady(x -> addHeaders(x.headers(), r)));
        }, r.delayNanos());
        ctx.onComplete(cancel);
        return later;
    }

    private HttpResponse tooManyRequests(Reservation r) {
        HttpResponse resp = HttpResponse.text(429, "Too Many Requests");
        HttpHeaders h = resp.headers();
        long seconds = ceilSeconds(r.delayNanos());
        h.set(HttpHeaderNames.RETRY_AFTER, Long.toString(seconds));
        h.set(X_RETRY_IN, GoDurations.format(r.delayNanos()));
        addHeaders(h, r);
        return resp;
    }

    private void addHeaders(HttpHeaders h, Reservation r) {
        h.set(LIMIT, limitValue);
        h.set(REMAINING, Long.toString(r.remaining()));
        h.set(RESET, Long.toString(ceilSeconds(r.resetNanos())));
    }

    private static long ceilSeconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
    }
}

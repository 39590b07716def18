package dev.gatehouse.traffic.retry;

import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.traffic.internal.Scheduler;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Reissues a request when no upstream server replied: the upstream client answered 502 or 504 by itself and set
 * {@link dev.gatehouse.core.StandardAttributes#UPSTREAM_NOT_REACHED}. A reply with any status is final, as
 * Traefik documents. Bodies up to a bound are kept in memory and replayed; larger ones get a single attempt.
 */
public final class RetryMiddleware implements Middleware {
    /** Request bodies up to this size are kept for replay. */
    public static final int DEFAULT_MAX_REPLAY_BYTES = 64 * 1024;

    private final int attempts;
    private final long initialIntervalNanos;
    private final int maxReplayBytes;
    private final Scheduler scheduler;
    private final LongSupplier clock;
    private final DoubleSupplier random;

    RetryMiddleware(int attempts, long initialIntervalNanos, int maxReplayBytes, Scheduler scheduler,
                    LongSupplier clock, DoubleSupplier random) {
        this.attempts = attempts;
        this.initialIntervalNanos = initialIntervalNanos;
        this.maxReplayBytes = maxReplayBytes;
        this.scheduler = scheduler;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req, HttpHandler next) {
        if (attempts <= 1 || req.body().contentLength() > maxReplayBytes) {
            return next.handle(ctx, req);
        }
        Backoff backoff = new Backoff(initialIntervalNanos, attempts, random, clock);
        return new RetryExchange(ctx, req, next, attempts, backoff, scheduler).start(maxReplayBytes);
    }
}

package dev.gatehouse.traffic.ratelimit;

import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.core.spi.MiddlewareFactory;
import dev.gatehouse.redis.RedisConnection;
import dev.gatehouse.redis.RedisConnections;
import dev.gatehouse.redis.RedisSpec;
import dev.gatehouse.traffic.internal.Scheduler;
import dev.gatehouse.traffic.source.SourceExtractor;
import dev.gatehouse.traffic.source.SourceExtractors;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Builds {@code rateLimit} middlewares. The in-process buckets and the Redis connection are resources, so a
 * reload that keeps the spec keeps them.
 */
public final class RateLimitFactory implements MiddlewareFactory<RateLimitSpec> {
    private static final long SECOND = 1_000_000_000L;

    private final LongSupplier clock;
    private final Scheduler scheduler;

    /** The factory the service loader uses: system clock, event-loop scheduling. */
    public RateLimitFactory() {
        this(System::nanoTime, Scheduler.EVENT_LOOP);
    }

    RateLimitFactory(LongSupplier clock, Scheduler scheduler) {
        this.clock = clock;
        this.scheduler = scheduler;
    }

    @Override
    public String kind() {
        return "rateLimit";
    }

    @Override
    public Class<RateLimitSpec> specType() {
        return RateLimitSpec.class;
    }

    @Override
    public Middleware create(RateLimitSpec spec, BuildContext ctx) {
        Duration period = spec.period() == null ? Duration.ZERO : spec.period();
        if (period.isNegative()) {
            throw new InvalidSpecException("period", "negative value not valid for period: " + period);
        }
        if (spec.failureMode() != null && spec.redis() == null) {
            throw new InvalidSpecException("failureMode", "only applies with redis");
        }
        long periodNanos = period.isZero() ? SECOND : saturatedNanos(period);
        SourceExtractor sources = SourceExtractors.of(spec.sourceCriterion(), SourceExtractors.Default.CLIENT_IP,
                "sourceCriterion");
        RedisSpec redis = spec.redis() == null ? null : RedisConnections.validate(spec.redis(), "redis");
        long average = spec.average() == null ? 0 : spec.average();
        if (average <= 0) {
            // As in Traefik: no average means an infinite rate, so nothing is limited.
            return (c, req, next) -> next.handle(c, req);
        }
        long burst = spec.burst() == null || spec.burst() < 1 ? 1 : spec.burst();
        double perSecond = average * (double) SECOND / periodNanos;
        long interval = Math.max(1, Math.round(periodNanos / (double) average));
        // Traefik's smoothing window: half a token interval, truncated the way it truncates, 0.5s below 1 req/s.
        long maxDelay = perSecond < 1 ? SECOND / 2 : SECOND / ((long) perSecond * 2);
        TokenBuckets buckets = ctx.resource("buckets", new BucketKey(average, periodNanos, burst),
                () -> new TokenBuckets(interval, burst, maxDelay, clock));
        if (redis == null) {
            return new LimitMiddleware(kind(), sources, buckets, null, null, scheduler, burst);
        }
        RedisConnection connection = ctx.resource("redis", redis,
                () -> RedisConnections.acquire(redis, ctx.baseDir()));
        FailureMode mode = spec.failureMode() == null ? FailureMode.OPEN : spec.failureMode();
        return new LimitMiddleware(kind(), sources, buckets,
                new RedisTokenBuckets(connection, ctx.name(), interval, burst, maxDelay),
                new StoreHealth(ctx.name(), mode, ctx.metrics()), scheduler, burst);
    }

    /** What the in-process buckets depend on: not the source criterion, nor Redis. */
    private record BucketKey(long average, long periodNanos, long burst) {
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}

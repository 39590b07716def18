package dev.gatehouse.traffic.quota;

import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.core.spi.MiddlewareFactory;
import dev.gatehouse.redis.RedisConnection;
import dev.gatehouse.redis.RedisConnections;
import dev.gatehouse.redis.RedisSpec;
import dev.gatehouse.traffic.internal.Scheduler;
import dev.gatehouse.traffic.ratelimit.FailureMode;
import dev.gatehouse.traffic.ratelimit.LimitMiddleware;
import dev.gatehouse.traffic.ratelimit.StoreHealth;
import dev.gatehouse.traffic.source.SourceExtractor;
import dev.gatehouse.traffic.source.SourceExtractors;
import java.util.function.LongSupplier;

/** Builds {@code quota} middlewares; the counters and the Redis connection are resources kept across reloads. */
public final class QuotaFactory implements MiddlewareFactory<QuotaSpec> {
    private final LongSupplier epochMillis;

    /** The factory the service loader uses: the system's wall clock. */
    public QuotaFactory() {
        this(System::currentTimeMillis);
    }

    QuotaFactory(LongSupplier epochMillis) {
        this.epochMillis = epochMillis;
    }

    @Override
    public String kind() {
        return "quota";
    }

    @Override
    public Class<QuotaSpec> specType() {
        return QuotaSpec.class;
    }

    @Override
    public Middleware create(QuotaSpec spec, BuildContext ctx) {
        if (spec.limit() == null || spec.limit() < 1) {
            throw new InvalidSpecException("limit", "required, at least 1");
        }
        if (spec.period() == null) {
            throw new InvalidSpecException("period", "required: minute, hour, day or month");
        }
        if (spec.failureMode() != null && spec.redis() == null) {
            throw new InvalidSpecException("failureMode", "only applies with redis");
        }
        SourceExtractor sources = SourceExtractors.of(spec.sourceCriterion(), SourceExtractors.Default.CLIENT_IP,
                "sourceCriterion");
        RedisSpec redis = spec.redis() == null ? null : RedisConnections.validate(spec.redis(), "redis");
        long limit = spec.limit();
        FixedWindows local = ctx.resource("windows", new WindowKey(limit, spec.period()),
                () -> new FixedWindows(limit, spec.period(), epochMillis));
        if (redis == null) {
            return new LimitMiddleware(kind(), sources, local, null, null, Scheduler.EVENT_LOOP, limit);
        }
        RedisConnection connection = ctx.resource("redis", redis,
                () -> RedisConnections.acquire(redis, ctx.baseDir()));
        FailureMode mode = spec.failureMode() == null ? FailureMode.OPEN : spec.failureMode();
        return new LimitMiddleware(kind(), sources, local,
                new RedisFixedWindows(connection, ctx.name(), limit, spec.period(), epochMillis),
                new StoreHealth(ctx.name(), mode, ctx.metrics()), Scheduler.EVENT_LOOP, limit);
    }

    private record WindowKey(long limit, QuotaPeriod period) {
    }
}

package dev.gatehouse.traffic.quota;

import dev.gatehouse.redis.RedisConnection;
import dev.gatehouse.redis.RedisScript;
import dev.gatehouse.traffic.ratelimit.Reservation;
import dev.gatehouse.traffic.ratelimit.SharedLimiter;
import io.lettuce.core.ScriptOutputType;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Fixed-window counters in Redis: one {@code EVALSHA} of {@code fixed-window.lua} (INCR, and EXPIREAT on a new
 * counter) per request. The window's start is part of the key, so a new window starts at zero on every gateway.
 */
final class RedisFixedWindows implements SharedLimiter {
    static final RedisScript SCRIPT = RedisScript.fromResource(RedisFixedWindows.class, "fixed-window.lua");
    /** Keeps a counter a little past its window, so gateways with slightly late clocks do not recreate it. */
    private static final long GRACE_SECONDS = 60;

    private final RedisConnection redis;
    private final String keyPrefix;
    private final long limit;
    private final QuotaPeriod period;
    private final LongSupplier epochMillis;

    RedisFixedWindows(RedisConnection redis, String middleware, long limit, QuotaPeriod period,
                      LongSupplier epochMillis) {
        this.redis = redis;
        this.keyPrefix = "gatehouse:quota:{" + middleware + "}:";
        this.limit = limit;
        this.period = period;
        this.epochMillis = epochMillis;
    }

    @Override
    public CompletableFuture<Reservation> reserve(String source) {
        long now = epochMillis.getAsLong();
        QuotaPeriod.Window w = period.windowAt(now);
        CompletableFuture<Long> count = redis.eval(SCRIPT, ScriptOutputType.INTEGER,
                new String[] {keyPrefix + w.startEpochSecond() + ":" + source},
                Long.toString(w.endEpochSecond() + GRACE_SECONDS));
        return count.thenApply(n -> FixedWindows.decide(limit, n, w.nanosUntilEnd(now)));
    }
}

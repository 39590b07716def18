package dev.gatehouse.traffic.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Token buckets keyed by source, as one shared resource: a bucket is global to the gateway, never one per event
 * loop. Each bucket is a single {@link AtomicLong} holding its GCRA "theoretical arrival time" (the instant the
 * bucket would be full again), updated by compare-and-set: no locks.
 *
 * <pre>
 *  take a token at now:  newTat = max(tat, now) + interval
 *                        wait   = newTat - now - burst * interval
 *  wait &lt;= 0        → pass now          (commit newTat)
 *  wait &lt;= maxDelay → pass after wait   (commit newTat), as Traefik's reservation does
 *  otherwise        → refuse, Retry-After = wait (nothing committed)
 * </pre>
 *
 * <p>Buckets live in a bounded Caffeine cache. An idle bucket is dropped only once it has refilled completely,
 * so expiry never hands a source more than its burst.
 */
final class TokenBuckets implements Limiter, AutoCloseable {
    /** As many sources as Traefik keeps. */
    static final int MAX_SOURCES = 65_536;
    private static final long EMPTY = Long.MIN_VALUE;

    private final long intervalNanos;
    private final long toleranceNanos;
    private final long maxDelayNanos;
    private final long burst;
    private final LongSupplier clock;
    private final Cache<String, AtomicLong> buckets;

    /**
     * Creates the buckets.
     *
     * @param intervalNanos one token's worth of time: period / average
     * @param burst         the bucket size
     * @param maxDelayNanos the longest a request may be held to smooth traffic
     * @param clock         nanosecond clock
     */
    TokenBuckets(long intervalNanos, long burst, long maxDelayNanos, LongSupplier clock) {
        this.intervalNanos = intervalNanos;
        this.burst = burst;
        this.toleranceNanos = saturatedMultiply(burst, intervalNanos);
        this.maxDelayNanos = maxDelayNanos;
        this.clock = clock;
        long idle = saturatedAdd(saturatedAdd(toleranceNanos, maxDelayNanos), 1_000_000_000L);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(MAX_SOURCES)
                .expireAfterAccess(Duration.ofNanos(idle))
                .ticker(clock::getAsLong)
                // Maintenance is tiny and amortised; doing it inline keeps event loops off the common pool.
                .executor(Runnable::run)
                .build();
    }

    /** @return the bucket size */
    long burst() {
        return burst;
    }

    /**
     * Takes one token for a source.
     *
     * @param key the source
     * @return what happened
     */
    @Override
    public Reservation reserve(String key) {
        AtomicLong cell = buckets.get(key, k -> new AtomicLong(EMPTY));
        long now = clock.getAsLong();
        while (true) {
            long tat = cell.get();
            long base = tat == EMPTY ? now : Math.max(tat, now);
            long newTat = base + intervalNanos;
            long wait = newTat - now - toleranceNanos;
            if (wait > maxDelayNanos) {
                long reset = tat == EMPTY ? 0 : Math.max(0, tat - now);
                return new Reservation(false, wait, 0, reset);
            }
            if (cell.compareAndSet(tat, newTat)) {
                long used = newTat - now;
                long remaining = Math.max(0, (toleranceNanos - used) / intervalNanos);
                return new Reservation(true, Math.max(0, wait), remaining, used);
            }
        }
    }

    /** @return how many sources are tracked (for tests and diagnostics) */
    long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    @Override
    public void close() {
        buckets.invalidateAll();
        buckets.cleanUp();
    }

    private static long saturatedMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return (hi == 0 && lo >= 0) ? lo : Long.MAX_VALUE / 4;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE / 4 : r;
    }
}

package dev.gatehouse.traffic.quota;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.gatehouse.traffic.ratelimit.Limiter;
import dev.gatehouse.traffic.ratelimit.Reservation;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * In-process fixed-window counters, one per source and window, as one shared resource. A counter goes when its
 * window ends. Every request is counted, refused ones too, exactly as the Redis script counts.
 */
final class FixedWindows implements Limiter, AutoCloseable {
    /** As many sources as the rate limit keeps. */
    static final int MAX_SOURCES = 65_536;

    private record Counter(long endMillis, AtomicLong count) {
    }

    private final long limit;
    private final QuotaPeriod period;
    private final LongSupplier epochMillis;
    private final Cache<String, Counter> counters;

    /**
     * @param limit       requests per window
     * @param period      the window
     * @param epochMillis the wall clock (calendar windows need it)
     */
    FixedWindows(long limit, QuotaPeriod period, LongSupplier epochMillis) {
        this.limit = limit;
        this.period = period;
        this.epochMillis = epochMillis;
        this.counters = Caffeine.newBuilder()
                .maximumSize(MAX_SOURCES)
                .expireAfter(Expiry.<String, Counter>creating(
                        (k, c) -> java.time.Duration.ofMillis(Math.max(1, c.endMillis() - epochMillis.getAsLong()))))
                .ticker(() -> epochMillis.getAsLong() * 1_000_000L)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Reservation reserve(String source) {
        long now = epochMillis.getAsLong();
        QuotaPeriod.Window w = period.windowAt(now);
        Counter c = counters.get(w.startEpochSecond() + "|" + source,
                k -> new Counter(w.endEpochSecond() * 1000, new AtomicLong()));
        return decide(limit, c.count().incrementAndGet(), w.nanosUntilEnd(now));
    }

    /**
     * What a count means.
     *
     * @param limit      requests per window
     * @param count      the count including this request
     * @param resetNanos time to the window's end
     * @return the decision
     */
    static Reservation decide(long limit, long count, long resetNanos) {
        if (count > limit) {
            return new Reservation(false, resetNanos, 0, resetNanos);
        }
        return new Reservation(true, 0, limit - count, resetNanos);
    }

    /** @return how many counters are kept (for tests) */
    long size() {
        counters.cleanUp();
        return counters.estimatedSize();
    }

    @Override
    public void close() {
        counters.invalidateAll();
    }
}

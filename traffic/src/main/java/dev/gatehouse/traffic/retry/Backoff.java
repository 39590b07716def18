package dev.gatehouse.traffic.retry;

import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Traefik's retry backoff: exponential with ±50% jitter, its multiplier chosen so the interval reaches twice
 * the initial one at the last attempt, capped at 60s, and giving up 15 minutes after the first attempt. One
 * instance per exchange.
 */
final class Backoff {
    static final double RANDOMIZATION = 0.5;
    static final long MAX_INTERVAL_NANOS = 60_000_000_000L;
    static final long MAX_ELAPSED_NANOS = 15 * 60_000_000_000L;

    private final double multiplier;
    private final DoubleSupplier random;
    private final LongSupplier clock;
    private final long start;
    private double current;

    /**
     * Starts a backoff.
     *
     * @param initialNanos the first interval; 0 or less for no waiting
     * @param attempts     the configured attempts
     * @param random       uniform values in [0, 1)
     * @param clock        nanosecond clock
     */
    Backoff(long initialNanos, int attempts, DoubleSupplier random, LongSupplier clock) {
        this.current = initialNanos;
        this.multiplier = attempts < 2 ? 1 : Math.pow(2, 1.0 / (attempts - 1));
        this.random = random;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /** @return the wait before the next attempt in nanoseconds, or -1 when it is time to give up */
    long next() {
        if (current <= 0) {
            return 0;
        }
        if (clock.getAsLong() - start > MAX_ELAPSED_NANOS) {
            return -1;
        }
        double delta = RANDOMIZATION * current;
        double min = current - delta;
        double max = current + delta;
        long wait = (long) (min + random.getAsDouble() * (max - min + 1));
        current = current >= MAX_INTERVAL_NANOS / multiplier ? MAX_INTERVAL_NANOS : current * multiplier;
        return wait;
    }
}

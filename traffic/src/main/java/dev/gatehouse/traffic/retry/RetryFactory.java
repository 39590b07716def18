package dev.gatehouse.traffic.retry;

import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.core.spi.MiddlewareFactory;
import dev.gatehouse.traffic.internal.Scheduler;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/** Builds {@code retry} middlewares. */
public final class RetryFactory implements MiddlewareFactory<RetrySpec> {
    private final Scheduler scheduler;
    private final LongSupplier clock;
    private final DoubleSupplier random;
    private final int maxReplayBytes;

    /** The factory the service loader uses. */
    public RetryFactory() {
        this(Scheduler.EVENT_LOOP, System::nanoTime, () -> ThreadLocalRandom.current().nextDouble(),
                RetryMiddleware.DEFAULT_MAX_REPLAY_BYTES);
    }

    RetryFactory(Scheduler scheduler, LongSupplier clock, DoubleSupplier random, int maxReplayBytes) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.random = random;
        this.maxReplayBytes = maxReplayBytes;
    }

    @Override
    public String kind() {
        return "retry";
    }

    @Override
    public Class<RetrySpec> specType() {
        return RetrySpec.class;
    }

    @Override
    public Middleware create(RetrySpec spec, BuildContext ctx) {
        int attempts = spec.attempts() == null ? 0 : spec.attempts();
        if (attempts <= 0) {
            throw new InvalidSpecException("attempts",
                    "incorrect (or empty) value for attempt (" + attempts + "), expected at least 1");
        }
        // As in Traefik, an interval of 0 or less means "retry at once".
        long initial = spec.initialInterval() == null || spec.initialInterval().isNegative()
                ? 0 : spec.initialInterval().toNanos();
        return new RetryMiddleware(attempts, initial, maxReplayBytes, scheduler, clock, random);
    }
}

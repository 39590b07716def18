package dev.gatehouse.traffic.ratelimit;

import dev.gatehouse.core.spi.MetricsRegistry;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether a middleware's shared store answers, as its last call saw it. Logs one line per change (down, back),
 * never one per request, and counts each request decided without the store.
 */
public final class StoreHealth {
    /** The fallback counter's name. */
    public static final String FALLBACK_METRIC = "gatehouse_ratelimit_store_fallback_total";
    private static final Logger LOG = Logger.getLogger(StoreHealth.class.getName());

    private final String middleware;
    private final FailureMode mode;
    private final MetricsRegistry.Counter fallbacks;
    private final AtomicBoolean down = new AtomicBoolean();

    /**
     * @param middleware the middleware's qualified name, for logs and the metric label
     * @param mode       what the middleware does while the store is down
     * @param metrics    where the fallback counter lives
     */
    public StoreHealth(String middleware, FailureMode mode, MetricsRegistry metrics) {
        this.middleware = middleware;
        this.mode = mode;
        this.fallbacks = metrics.counter(FALLBACK_METRIC,
                "Requests a Redis-backed limit decided in-process because Redis was unreachable or slow.",
                "middleware");
    }

    /** @return what to do while the store is down */
    public FailureMode mode() {
        return mode;
    }

    /** The store answered. */
    public void answered() {
        // Read before swapping: a failed compare-and-set still takes the line from every other core.
        if (down.get() && down.compareAndSet(true, false)) {
            LOG.log(Level.INFO, "{0}: redis store is back; limits are shared again", middleware);
        }
    }

    /**
     * The store failed a call; counts a fallback decision in open mode.
     *
     * @param cause why
     */
    public void failed(Throwable cause) {
        if (!down.get() && down.compareAndSet(false, true)) {
            String then = mode == FailureMode.OPEN ? "limiting in-process with the same limits"
                    : "refusing requests with 503";
            LOG.log(Level.WARNING, "{0}: redis store is down ({1}); {2}",
                    new Object[] {middleware, describe(cause), then});
        }
        if (mode == FailureMode.OPEN) {
            fallbacks.increment(middleware);
        }
    }

    /** @return true while the last call failed */
    public boolean isDown() {
        return down.get();
    }

    private static String describe(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}

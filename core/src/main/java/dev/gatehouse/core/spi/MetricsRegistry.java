package dev.gatehouse.core.spi;

/**
 * Where middlewares publish their own metrics; the gateway shows them on {@code /metrics} (Prometheus text)
 * beside its own. Names follow Prometheus conventions and start with {@code gatehouse_}.
 *
 * <p>Asking twice for the same name returns the same counter, so a middleware rebuilt on reload keeps counting.
 */
public interface MetricsRegistry {
    /** A registry that drops everything, for tests and for gateways without metrics. */
    MetricsRegistry NOOP = (name, help, labelNames) -> labelValues -> { };

    /**
     * A counter with labels.
     *
     * @param name       the metric name, such as {@code gatehouse_ratelimit_store_fallback_total}
     * @param help       one line saying what it counts
     * @param labelNames the label names, in the order {@link Counter#increment} takes their values
     * @return the counter
     */
    Counter counter(String name, String help, String... labelNames);

    /** A monotonic counter. Increments are cheap and safe from any thread. */
    @FunctionalInterface
    interface Counter {
        /**
         * Adds one.
         *
         * @param labelValues the values of the counter's labels, in order
         */
        void increment(String... labelValues);
    }
}

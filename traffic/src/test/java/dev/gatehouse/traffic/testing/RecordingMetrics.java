package dev.gatehouse.traffic.testing;

import dev.gatehouse.core.spi.MetricsRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A metrics registry that keeps counts in memory: {@code name{v1,v2}} to count. */
public final class RecordingMetrics implements MetricsRegistry {
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    @Override
    public Counter counter(String name, String help, String... labelNames) {
        return values -> counts.computeIfAbsent(name + "{" + String.join(",", values) + "}", k -> new AtomicLong())
                .incrementAndGet();
    }

    /**
     * @param name   the metric
     * @param labels its label values, in order
     * @return the count so far
     */
    public long count(String name, String... labels) {
        AtomicLong c = counts.get(name + "{" + String.join(",", labels) + "}");
        return c == null ? 0 : c.get();
    }
}

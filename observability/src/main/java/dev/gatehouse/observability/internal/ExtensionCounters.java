package dev.gatehouse.observability.internal;

import dev.gatehouse.core.spi.MetricsRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The counters that middlewares publish through {@link MetricsRegistry}, rendered with the gateway's own. */
public final class ExtensionCounters implements MetricsRegistry {
    private final Map<String, Family> families = new ConcurrentHashMap<>();

    @Override
    public Counter counter(String name, String help, String... labelNames) {
        Family f = families.computeIfAbsent(name, n -> new Family(help, labelNames.clone()));
        if (f.labelNames.length != labelNames.length) {
            throw new IllegalArgumentException("counter " + name + " already has labels "
                    + Arrays.toString(f.labelNames));
        }
        return f::increment;
    }

    /**
     * Appends every family in Prometheus text format, sorted by name and label values.
     *
     * @param out where to write
     */
    public void write(StringBuilder out) {
        for (Map.Entry<String, Family> e : new TreeMap<>(families).entrySet()) {
            Family f = e.getValue();
            PrometheusText.header(out, e.getKey(), "counter", f.help);
            List<Map.Entry<List<String>, LongAdder>> rows = new ArrayList<>(f.series.entrySet());
            rows.sort((a, b) -> String.join("\u0000", a.getKey()).compareTo(String.join("\u0000", b.getKey())));
            for (Map.Entry<List<String>, LongAdder> r : rows) {
                out.append(e.getKey());
                if (f.labelNames.length > 0) {
                    out.append('{');
                    for (int i = 0; i < f.labelNames.length; i++) {
                        if (i > 0) {
                            out.append(',');
                        }
                        PrometheusText.label(out, f.labelNames[i], r.getKey().get(i));
                    }
                    out.append('}');
                }
                out.append(' ').append(r.getValue().sum()).append('\n');
            }
        }
    }

    private static final class Family {
        final String help;
        final String[] labelNames;
        final Map<List<String>, LongAdder> series = new ConcurrentHashMap<>();

        Family(String help, String[] labelNames) {
            this.help = help;
            this.labelNames = labelNames;
        }

        void increment(String... values) {
            if (values.length != labelNames.length) {
                return;
            }
            // Look up through a view of the array (equal to the stored list): a copy only for a new series.
            LongAdder a = series.get(Arrays.asList(values));
            if (a == null) {
                a = series.computeIfAbsent(List.of(values), k -> new LongAdder());
            }
            a.increment();
        }
    }
}

package dev.gatehouse.traffic.testing;

import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** A build context that keeps resources by key and spec, as the runtime does across reloads. */
public final class FakeBuildContext implements BuildContext {
    private record Kept(Object spec, AutoCloseable resource) {
    }

    private final Map<String, Kept> resources = new HashMap<>();
    private int created;
    private String name = "test@file";
    private dev.gatehouse.core.spi.MetricsRegistry metrics = dev.gatehouse.core.spi.MetricsRegistry.NOOP;

    /**
     * @param name    the element's qualified name
     * @param metrics where middlewares publish counters
     * @return this
     */
    public FakeBuildContext with(String name, dev.gatehouse.core.spi.MetricsRegistry metrics) {
        this.name = name;
        this.metrics = metrics;
        return this;
    }

    @Override
    public dev.gatehouse.core.spi.MetricsRegistry metrics() {
        return metrics;
    }
    private int closed;

    @Override
    public String name() {
        return name;
    }

    @Override
    public Path baseDir() {
        return Path.of(".");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R extends AutoCloseable> R resource(String key, Object spec, Supplier<R> factory) {
        Kept k = resources.get(key);
        if (k != null && Objects.equals(k.spec(), spec)) {
            return (R) k.resource();
        }
        if (k != null) {
            try {
                k.resource().close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            closed++;
        }
        R r = factory.get();
        created++;
        resources.put(key, new Kept(spec, r));
        return r;
    }

    @Override
    public Middleware middleware(String reference) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Executor blockingExecutor() {
        return Runnable::run;
    }

    /** Closes every kept resource, as the runtime does at shutdown. */
    public void closeAll() {
        for (Kept k : resources.values()) {
            try {
                k.resource().close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        resources.clear();
    }

    /** @return how many resources were made */
    public int created() {
        return created;
    }

    /** @return how many resources were closed because their spec changed */
    public int closed() {
        return closed;
    }
}

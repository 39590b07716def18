package dev.gatehouse.identity.jwt;

import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** A build context that keeps resources by key and spec, as the runtime does, and closes them at the end. */
public final class ClosingBuildContext implements BuildContext, AutoCloseable {
    private final Path baseDir;
    private final Map<String, Object[]> resources = new HashMap<>();
    private final List<AutoCloseable> opened = new ArrayList<>();

    public ClosingBuildContext(Path baseDir) {
        this.baseDir = baseDir;
    }

    @Override
    public String name() {
        return "auth@file";
    }

    @Override
    public Path baseDir() {
        return baseDir;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <R extends AutoCloseable> R resource(String key, Object spec, Supplier<R> factory) {
        Object[] kept = resources.get(key);
        if (kept != null && kept[0].equals(spec)) {
            return (R) kept[1];
        }
        R r = factory.get();
        resources.put(key, new Object[] {spec, r});
        opened.add(r);
        return r;
    }

    /** @return how many resources were made */
    synchronized int made() {
        return opened.size();
    }

    @Override
    public Middleware middleware(String reference) {
        throw new dev.gatehouse.core.spi.InvalidSpecException("", "no middleware " + reference);
    }

    @Override
    public Executor blockingExecutor() {
        return Runnable::run;
    }

    @Override
    public synchronized void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }
}

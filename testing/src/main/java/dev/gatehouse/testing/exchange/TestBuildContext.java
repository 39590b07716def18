package dev.gatehouse.testing.exchange;

import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** A build context for tests: a base directory, named middlewares and a chosen blocking executor. */
public final class TestBuildContext implements BuildContext {
    private final Path baseDir;
    private final Executor executor;
    private final Map<String, Middleware> middlewares = new HashMap<>();

    /**
     * Creates a context.
     *
     * @param baseDir  the base directory
     * @param executor the blocking executor
     */
    public TestBuildContext(Path baseDir, Executor executor) {
        this.baseDir = baseDir;
        this.executor = executor;
    }

    /** @return a context with the current directory and a direct executor */
    public static TestBuildContext simple() {
        return new TestBuildContext(Path.of("."), Runnable::run);
    }

    /**
     * Registers a middleware for {@link #middleware(String)}.
     *
     * @param name the name
     * @param m    the middleware
     * @return this
     */
    public TestBuildContext with(String name, Middleware m) {
        middlewares.put(name, m);
        return this;
    }

    @Override
    public String name() {
        return "test@file";
    }

    @Override
    public Path baseDir() {
        return baseDir;
    }

    @Override
    public <R extends AutoCloseable> R resource(String key, Object spec, Supplier<R> factory) {
        return factory.get();
    }

    @Override
    public Middleware middleware(String reference) {
        Middleware m = middlewares.get(reference);
        if (m == null) {
            throw new InvalidSpecException("", "middleware \"" + reference + "\" does not exist");
        }
        return m;
    }

    @Override
    public Executor blockingExecutor() {
        return executor;
    }
}

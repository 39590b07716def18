package dev.gatehouse.core.spi;

import dev.gatehouse.core.Middleware;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** What a {@link MiddlewareFactory} may use while it builds a middleware. */
public interface BuildContext {
    /** @return the qualified name of the element being built, such as {@code auth@file} */
    String name();

    /** @return the directory that relative file names in the spec are resolved against */
    Path baseDir();

    /**
     * A long-lived resource (counters, caches, connections) kept across reloads while its key and spec stay
     * equal, and closed when a reload drops or changes it. A reload thus keeps a rate limit's counters.
     *
     * @param key     a key unique within this element, such as {@code "buckets"}
     * @param spec    the part of the spec the resource depends on; compared with {@code equals}
     * @param factory makes the resource when none is kept
     * @param <R>     the resource type
     * @return the kept or new resource
     */
    <R extends AutoCloseable> R resource(String key, Object spec, Supplier<R> factory);

    /**
     * Another middleware of the same config, for middlewares that compose others ({@code chain}).
     *
     * @param reference its name, qualified ({@code name@provider}) or not
     * @return the middleware
     * @throws InvalidSpecException when there is none or it is invalid
     */
    Middleware middleware(String reference);

    /** @return an executor for blocking work (file reads, DNS, password hashing), never an event loop */
    Executor blockingExecutor();

    /** @return where the middleware publishes its own metrics; a no-op registry unless the gateway has metrics */
    default MetricsRegistry metrics() {
        return MetricsRegistry.NOOP;
    }
}

package dev.gatehouse.core.spi;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds the middleware factories on the class path, built-in and third-party alike. */
public final class Extensions {
    private Extensions() {
    }

    /**
     * Loads every registered middleware factory, keyed by kind.
     *
     * @return the factories; a kind registered twice fails
     */
    @SuppressWarnings("rawtypes")
    public static Map<String, MiddlewareFactory<?>> middlewareFactories() {
        Map<String, MiddlewareFactory<?>> byKind = new TreeMap<>();
        for (MiddlewareFactory f : ServiceLoader.load(MiddlewareFactory.class)) {
            MiddlewareFactory<?> prev = byKind.putIfAbsent(f.kind(), f);
            if (prev != null) {
                throw new IllegalStateException("middleware kind '" + f.kind() + "' registered twice: "
                        + prev.getClass().getName() + " and " + f.getClass().getName());
            }
        }
        return Collections.unmodifiableMap(byKind);
    }
}

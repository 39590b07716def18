package dev.gatehouse.upstream.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Long-lived upstream resources (connection pools, health state, transports) by key. A key holds the whole
 * spec the resource depends on, so a changed spec is a new key. Builds and retirements run on the config
 * thread; a lock guards the map, never touched on the request path.
 */
public final class Resources implements AutoCloseable {
    private final Map<Object, Object> byKey = new HashMap<>();

    /**
     * The resource for a key, made when absent, and recorded in {@code used}.
     *
     * @param key     the key (with its spec)
     * @param used    the keys the caller's build uses
     * @param factory makes the resource
     * @param <R>     its type
     * @return the kept or new resource
     */
    @SuppressWarnings("unchecked")
    public synchronized <R> R get(Object key, Set<Object> used, Supplier<R> factory) {
        Object r = byKey.get(key);
        if (r == null) {
            r = factory.get();
            byKey.put(key, r);
        }
        used.add(key);
        return (R) r;
    }

    /**
     * Closes resources in {@code candidates} that {@code keep} does not hold.
     *
     * @param candidates keys that may go
     * @param keep       keys still in use
     */
    public synchronized void retain(Set<Object> candidates, Set<Object> keep) {
        for (Object k : new HashSet<>(candidates)) {
            if (!keep.contains(k)) {
                close(byKey.remove(k));
            }
        }
    }

    @Override
    public synchronized void close() {
        byKey.values().forEach(Resources::close);
        byKey.clear();
    }

    private static void close(Object r) {
        if (r instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // Closing frees sockets and timers; there is nothing left to do when it fails.
            }
        }
    }
}

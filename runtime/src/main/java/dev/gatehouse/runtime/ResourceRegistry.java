package dev.gatehouse.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Long-lived resources (rate-limit counters, caches, connections) reconciled across reloads by key and spec.
 *
 * <pre>
 *  begin() ─▶ resource(key, spec, factory)* ─▶ commit()  closes what the new config no longer uses
 *                                           └▶ abort()   closes what this attempt created
 * </pre>
 *
 * <p>A resource whose key and spec are equal to the live one's is handed back as it is, so a reload that
 * does not touch a rate limit keeps its counters. Used only on the config thread.
 */
public final class ResourceRegistry implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ResourceRegistry.class.getName());

    private record Entry(Object spec, AutoCloseable resource) {
    }

    private Map<String, Entry> live = new HashMap<>();
    private Map<String, Entry> next;
    private List<AutoCloseable> created;

    /** Starts a generation. */
    public void begin() {
        next = new HashMap<>();
        created = new ArrayList<>();
    }

    /**
     * The resource for a key in the generation being built.
     *
     * @param key     unique across the config, such as {@code middleware:rl@file:buckets}
     * @param spec    what the resource depends on
     * @param factory makes a new one
     * @param <R>     the type
     * @return the live resource when its spec is equal, else a new one
     */
    @SuppressWarnings("unchecked")
    public <R extends AutoCloseable> R resource(String key, Object spec, Supplier<R> factory) {
        Entry n = next.get(key);
        if (n != null) {
            if (!Objects.equals(n.spec, spec)) {
                throw new IllegalStateException("resource " + key + " requested twice with different specs");
            }
            return (R) n.resource;
        }
        Entry old = live.get(key);
        if (old != null && Objects.equals(old.spec, spec)) {
            next.put(key, old);
            return (R) old.resource;
        }
        R r = factory.get();
        next.put(key, new Entry(spec, r));
        created.add(r);
        return r;
    }

    /** Makes the generation live and closes resources it dropped. */
    public void commit() {
        for (Map.Entry<String, Entry> e : live.entrySet()) {
            Entry kept = next.get(e.getKey());
            if (kept == null || kept.resource != e.getValue().resource) {
                closeQuietly(e.getKey(), e.getValue().resource);
            }
        }
        live = next;
        next = null;
        created = null;
    }

    /** Drops the generation, closing what it created. */
    public void abort() {
        if (created != null) {
            for (AutoCloseable c : created) {
                closeQuietly("new resource", c);
            }
        }
        next = null;
        created = null;
    }

    /** @return how many resources are live */
    public int size() {
        return live.size();
    }

    @Override
    public void close() {
        live.forEach((k, e) -> closeQuietly(k, e.resource));
        live = new HashMap<>();
    }

    private static void closeQuietly(String key, AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "closing resource " + key + " failed", e);
        }
    }
}

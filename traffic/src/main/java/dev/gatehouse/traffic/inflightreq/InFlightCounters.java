package dev.gatehouse.traffic.inflightreq;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-flight counts per source, shared by every event loop, lock-free. A counter that drops to zero is retired
 * (set to {@link #DEAD}) before it leaves the map, so a request that raced for it takes a fresh one instead of
 * counting on a detached counter: the map holds only sources with requests in progress.
 */
final class InFlightCounters implements AutoCloseable {
    private static final long DEAD = -1;

    private final long max;
    private final ConcurrentHashMap<String, AtomicLong> counts = new ConcurrentHashMap<>();

    InFlightCounters(long max) {
        this.max = max;
    }

    /** @return the cap per source */
    long max() {
        return max;
    }

    /**
     * Counts one more request for a source when it is under the cap.
     *
     * @param key the source
     * @return the counter to release, or null when the source is at the cap
     */
    AtomicLong tryAcquire(String key) {
        while (true) {
            AtomicLong c = counts.computeIfAbsent(key, k -> new AtomicLong());
            long v = c.get();
            if (v == DEAD) {
                counts.remove(key, c);
                continue;
            }
            if (v >= max) {
                return null;
            }
            if (c.compareAndSet(v, v + 1)) {
                return c;
            }
        }
    }

    /**
     * Releases what {@link #tryAcquire} counted.
     *
     * @param key the source
     * @param c   the counter it returned
     */
    void release(String key, AtomicLong c) {
        if (c.decrementAndGet() == 0 && c.compareAndSet(0, DEAD)) {
            counts.remove(key, c);
        }
    }

    /**
     * @param key a source
     * @return its requests in progress
     */
    long inFlight(String key) {
        AtomicLong c = counts.get(key);
        long v = c == null ? 0 : c.get();
        return v == DEAD ? 0 : v;
    }

    /** @return how many sources have requests in progress */
    int sources() {
        return counts.size();
    }

    @Override
    public void close() {
        // Requests still in progress release into counters nobody reads any more; nothing to free.
    }
}

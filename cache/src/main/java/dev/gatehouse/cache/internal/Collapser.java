package dev.gatehouse.cache.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request collapsing: while one miss for a key is on its way to the backend (the leader), later misses for the
 * same key wait for it instead of going too. When the leader's response is stored, or known not to be, the
 * waiters run again: they find the stored response, or go to the backend themselves.
 */
public final class Collapser {
    private final ConcurrentHashMap<String, Flight> flights = new ConcurrentHashMap<>();
    private final long maxWaitNanos;

    /**
     * @param maxWait how long waiters wait; a flight older than this no longer gathers waiters (its leader
     *                may hang), and the next miss leads a new one
     */
    public Collapser(java.time.Duration maxWait) {
        this.maxWaitNanos = maxWait.toNanos();
    }

    /** One leader's fetch and the waiters behind it. */
    public static final class Flight {
        private final List<Runnable> waiters = new ArrayList<>(2);
        private final long startedNanos = System.nanoTime();
        private boolean landed;

        synchronized boolean add(Runnable waiter) {
            if (landed) {
                return false;
            }
            waiters.add(waiter);
            return true;
        }

        synchronized List<Runnable> land() {
            landed = true;
            List<Runnable> out = List.copyOf(waiters);
            waiters.clear();
            return out;
        }
    }

    /**
     * Leads a fetch for a key, or waits behind the one in flight.
     *
     * @param key    the primary key
     * @param waiter runs (on any thread) when the flight in progress lands
     * @return the new flight when the caller leads, or null when the waiter was queued
     */
    public Flight leadOrWait(String key, Runnable waiter) {
        for (int attempt = 0; attempt < 4; attempt++) {
            Flight mine = new Flight();
            Flight current = flights.putIfAbsent(key, mine);
            if (current == null) {
                return mine;
            }
            if (System.nanoTime() - current.startedNanos >= maxWaitNanos) {
                if (flights.replace(key, current, mine)) {
                    return mine; // the old leader is too slow to wait for
                }
                continue;
            }
            if (current.add(waiter)) {
                return null;
            }
            flights.remove(key, current); // landed but not yet removed: take its place
        }
        return new Flight(); // lead without collapsing rather than spin
    }

    /**
     * Ends a flight and runs its waiters. Idempotent.
     *
     * @param key    the primary key
     * @param flight the flight
     */
    public void land(String key, Flight flight) {
        flights.remove(key, flight);
        for (Runnable w : flight.land()) {
            w.run();
        }
    }

    /** @return how many keys have a fetch in flight */
    public int inFlight() {
        return flights.size();
    }
}

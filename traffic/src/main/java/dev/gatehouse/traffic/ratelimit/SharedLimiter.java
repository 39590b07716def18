package dev.gatehouse.traffic.ratelimit;

import java.util.concurrent.CompletableFuture;

/** A limit counted in a shared store (Redis): decides after one round trip. */
@FunctionalInterface
public interface SharedLimiter {
    /**
     * Takes one unit for a source.
     *
     * @param source the source key
     * @return the decision, completed on a store thread (in a running gateway, the caller's own event loop); failed
     *         when the store is unreachable or slow
     */
    CompletableFuture<Reservation> reserve(String source);
}

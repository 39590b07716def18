package dev.gatehouse.traffic.ratelimit;

/** A limit counted in this process: decides at once. */
@FunctionalInterface
public interface Limiter {
    /**
     * Takes one unit for a source.
     *
     * @param source the source key
     * @return the decision
     */
    Reservation reserve(String source);
}

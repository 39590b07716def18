package dev.gatehouse.traffic.ratelimit;

/** What a Redis-backed limit does while Redis is unreachable or too slow to answer within its timeouts. */
public enum FailureMode {
    /** Go on under the same limit counted in-process by this gateway alone (the default). */
    OPEN,
    /** Refuse with 503 until Redis answers again. */
    CLOSED
}

package dev.gatehouse.redis;

/** Redis cannot take a command now: not connected yet, reconnecting, or the connection is closed. */
public final class RedisUnavailableException extends RuntimeException {
    /**
     * @param message what is wrong; never holds credentials
     */
    public RedisUnavailableException(String message) {
        super(message, null, false, false);
    }
}

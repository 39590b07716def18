package dev.gatehouse.identity.introspection;

import java.util.Map;

/**
 * One introspection answer, as cached.
 *
 * @param active    whether the token is active (and not past its {@code exp})
 * @param claims    the answer's members (JSON types); empty when inactive
 * @param expiresAt the token's {@code exp} in epoch seconds, or 0 when the answer had none
 * @param ttlNanos  how long the answer may be cached
 */
record Introspection(boolean active, Map<String, Object> claims, long expiresAt, long ttlNanos) {
    /**
     * Whether the answer still lets the token in.
     *
     * @param nowSeconds the time, epoch seconds
     * @return true when active and not expired
     */
    boolean activeAt(long nowSeconds) {
        return active && (expiresAt == 0 || expiresAt > nowSeconds);
    }
}

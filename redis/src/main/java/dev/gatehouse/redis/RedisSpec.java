package dev.gatehouse.redis;

import java.time.Duration;
import java.util.List;

/**
 * Where a Redis server is and how to reach it, with Traefik v3.4's {@code rateLimit.redis} keys. Middlewares that
 * keep state in Redis embed it under a {@code redis} key; {@link RedisConnections#acquire} turns it into a shared
 * connection.
 *
 * @param endpoints      {@code host:port} addresses; one is supported (default {@code localhost:6379})
 * @param username       the ACL user, or null for the default user
 * @param password       the password, or null; never logged, never shown by {@link #toString()}
 * @param db             the database to select (default 0)
 * @param tls            TLS settings, or null for plain TCP
 * @param poolSize       Traefik's pool size; only 0 or absent (one multiplexed connection is used)
 * @param minIdleConns   Traefik's idle connections; only 0 or absent
 * @param maxActiveConns Traefik's connection cap; only 0 or absent
 * @param readTimeout    how long to wait for a reply (default 3s)
 * @param writeTimeout   how long a command may take to be sent (default 3s)
 * @param dialTimeout    how long connecting may take (default 5s)
 */
public record RedisSpec(List<String> endpoints, String username, String password, Integer db, RedisTlsSpec tls,
                        Integer poolSize, Integer minIdleConns, Integer maxActiveConns, Duration readTimeout,
                        Duration writeTimeout, Duration dialTimeout) {

    /** The default endpoint, as in Traefik. */
    public static final String DEFAULT_ENDPOINT = "localhost:6379";
    /** The default read timeout, as in Traefik. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(3);
    /** The default write timeout, as in Traefik. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(3);
    /** The default dial timeout, as in Traefik. */
    public static final Duration DEFAULT_DIAL_TIMEOUT = Duration.ofSeconds(5);

    /** Copies the endpoint list so the spec never changes after it is made. */
    public RedisSpec {
        endpoints = endpoints == null ? null : List.copyOf(endpoints);
    }

    /**
     * The spec with every default filled in, so that two specs that mean the same connection are equal.
     *
     * @return the normalised spec
     */
    public RedisSpec withDefaults() {
        return new RedisSpec(endpoints == null || endpoints.isEmpty() ? List.of(DEFAULT_ENDPOINT) : endpoints,
                username == null || username.isEmpty() ? null : username,
                password == null || password.isEmpty() ? null : password,
                db == null ? 0 : db, tls, zeroIfNull(poolSize), zeroIfNull(minIdleConns), zeroIfNull(maxActiveConns),
                readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout,
                writeTimeout == null ? DEFAULT_WRITE_TIMEOUT : writeTimeout,
                dialTimeout == null ? DEFAULT_DIAL_TIMEOUT : dialTimeout);
    }

    private static Integer zeroIfNull(Integer v) {
        return v == null ? 0 : v;
    }

    /** Shows everything but the password, so a spec can be logged. */
    @Override
    public String toString() {
        return "RedisSpec[endpoints=" + endpoints + ", username=" + username
                + ", password=" + (password == null ? "null" : "***") + ", db=" + db + ", tls=" + tls
                + ", readTimeout=" + readTimeout + ", writeTimeout=" + writeTimeout + ", dialTimeout=" + dialTimeout
                + "]";
    }
}

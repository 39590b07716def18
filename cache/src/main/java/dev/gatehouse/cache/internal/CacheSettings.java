package dev.gatehouse.cache.internal;

import dev.gatehouse.core.spi.MetricsRegistry;
import java.time.Clock;
import java.util.Set;

/**
 * What one {@code httpCache} middleware works with, resolved from its spec once.
 *
 * @param store          where responses are stored
 * @param keys           the key builder (with the configured key headers)
 * @param freshness      the freshness rules (with the configured default lifetime)
 * @param maxEntrySize   the largest content stored, in bytes
 * @param statusCodes    the status codes that may be stored, or null for every one RFC 9111 allows
 * @param storeSetCookie whether responses with Set-Cookie are stored (without their Set-Cookie)
 * @param clock          the clock
 * @param collapser      the request collapser
 * @param requests       counts requests by cache status
 * @param name           the middleware's name, the counter's label
 */
public record CacheSettings(CacheStore store, CacheKeys keys, Freshness freshness, int maxEntrySize,
                            Set<Integer> statusCodes, boolean storeSetCookie, Clock clock, Collapser collapser,
                            MetricsRegistry.Counter requests, String name) {
}

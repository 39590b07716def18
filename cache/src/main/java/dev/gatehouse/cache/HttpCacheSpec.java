package dev.gatehouse.cache;

import dev.gatehouse.redis.RedisSpec;
import java.time.Duration;
import java.util.List;

/**
 * {@code httpCache}: an RFC 9111 shared cache in front of the service.
 *
 * @param maxSize              total bytes the in-memory store holds (content plus fields); default 64 MiB
 * @param maxEntrySize         the largest content stored, in bytes; larger responses stream through unstored;
 *                             default 1 MiB
 * @param defaultTtl           freshness lifetime of responses without explicit freshness (no max-age,
 *                             s-maxage or Expires) whose status is heuristically cacheable, in place of the
 *                             Last-Modified heuristic; default none
 * @param cacheableStatusCodes status codes that may be stored; default every one RFC 9111 allows
 * @param storeSetCookie       stores responses that carry Set-Cookie (without the Set-Cookie field); default
 *                             false: such responses are not stored
 * @param keyHeaders           request fields every stored response varies on, as if named in its Vary;
 *                             default none
 * @param redis                stores responses in this Redis (Traefik's {@code redis} keys) instead of memory,
 *                             shared by every gateway that names it; default none
 */
public record HttpCacheSpec(Long maxSize, Long maxEntrySize, Duration defaultTtl,
                            List<Integer> cacheableStatusCodes, Boolean storeSetCookie, List<String> keyHeaders,
                            RedisSpec redis) {
}

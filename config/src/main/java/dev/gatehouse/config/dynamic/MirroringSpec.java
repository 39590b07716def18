package dev.gatehouse.config.dynamic;

import java.util.List;

/**
 * {@code http.services.NAME.mirroring}: the main service answers; each mirror gets a copy of a percentage of
 * requests, and its response is dropped.
 *
 * @param service     the main service
 * @param mirrorBody  copy request bodies to mirrors (default true)
 * @param maxBodySize the largest body copied; -1 (default) means no limit
 * @param mirrors     the mirrors
 * @param healthCheck propagate the main service's health, or null
 */
public record MirroringSpec(String service, Boolean mirrorBody, Long maxBodySize, List<MirrorSpec> mirrors,
                            EmptySpec healthCheck) {
    /**
     * One mirror.
     *
     * @param name    the mirror service's name
     * @param percent the share of requests copied, 0 to 100
     */
    public record MirrorSpec(String name, Integer percent) {
    }
}

package dev.gatehouse.config.dynamic;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code http.middlewares.NAME}: exactly one kind key and its settings, bound later by the kind's
 * {@code MiddlewareFactory} to its own spec type (see {@code SpecBinder}).
 *
 * <p>Traefik Hub's spelling {@code plugin: {jwt: {...}}} gives the kind {@code jwt}, as does {@code jwt: {...}}.
 *
 * @param kind       the kind key, such as {@code stripPrefix}
 * @param config     the settings under the kind key, as a tree (an empty object when there are none)
 * @param configPath the key path of {@code config} in its file, such as {@code http.middlewares.auth.basicAuth}
 *                   or {@code http.middlewares.auth.plugin.jwt}, to locate binding errors; null when the spec
 *                   was not loaded from a file
 */
public record MiddlewareSpec(String kind, JsonNode config, String configPath) {
    /**
     * A spec that was not loaded from a file.
     *
     * @param kind   the kind key
     * @param config the settings
     */
    public MiddlewareSpec(String kind, JsonNode config) {
        this(kind, config, null);
    }
}

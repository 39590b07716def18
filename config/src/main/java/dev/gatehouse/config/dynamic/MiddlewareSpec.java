package dev.gatehouse.config.dynamic;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code http.middlewares.NAME}: exactly one kind key and its settings, bound later by the kind's
 * {@code MiddlewareFactory} to its own spec type.
 *
 * @param kind   the kind key, such as {@code stripPrefix}
 * @param config the settings under the kind key, as a tree (an empty object when there are none)
 */
public record MiddlewareSpec(String kind, JsonNode config) {
}

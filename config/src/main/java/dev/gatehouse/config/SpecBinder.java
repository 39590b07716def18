package dev.gatehouse.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gatehouse.config.internal.Binder;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds a config tree to a spec record, reporting every problem with its place in the file.
 *
 * <p>Keys are the record's component names (compiled with {@code -parameters}); like Traefik, a key also
 * matches a component whose name differs only in case. Supported component types: records, {@code String},
 * boxed and primitive numbers and booleans, {@link java.time.Duration} (see {@link Durations}), enums (by
 * name, ignoring case), {@code List}, {@code Set}, {@code Map<String, ?>} and {@link JsonNode} (kept as is).
 * A numeric or boolean string (as Traefik's own examples write {@code maxFailedAttempts: "3"}) is accepted
 * for a number or boolean. An exception thrown by a record's constructor becomes a diagnostic on the record.
 */
public final class SpecBinder {
    private SpecBinder() {
    }

    /**
     * Binds a tree.
     *
     * @param node    the tree, such as a {@code MiddlewareSpec}'s config; null is an empty object
     * @param type    the record type
     * @param keyPath the tree's key path in the file, such as {@code http.middlewares.auth.basicAuth}
     * @param map     the file's positions, or null for none
     * @param <T>     the type
     * @return the bound value
     * @throws SpecBindingException with every problem found (unknown keys with suggestions, wrong types)
     */
    public static <T> T bind(JsonNode node, Class<T> type, String keyPath, SourceMap map)
            throws SpecBindingException {
        List<Diagnostic> errors = new ArrayList<>();
        JsonNode tree = node == null || node.isNull() ? JsonNodeFactory.instance.objectNode() : node;
        T value = type.cast(new Binder(map == null ? SourceMap.empty("") : map, errors)
                .bind(tree, type, keyPath == null ? "" : keyPath));
        if (!errors.isEmpty() || value == null) {
            throw new SpecBindingException(errors);
        }
        return value;
    }
}

package dev.gatehouse.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Collections;

/**
 * What loading a config file gave.
 *
 * <pre>
 *  file ──parse──▶ tree + SourceMap ──bind, check──▶ value (invalid elements left out) + errors
 * </pre>
 *
 * @param value           the config; null only when the file as a whole failed (unreadable, syntax error), in
 *                        which case the caller keeps what it had
 * @param errors          every diagnostic, in file order
 * @param sourceMap       positions, for diagnostics that other modules report later (rules, middleware specs)
 * @param invalidElements paths of the elements left out of {@code value} because of errors, such as
 *                        {@code http.routers.api}; each has at least one diagnostic whose key path lies within it
 * @param <T>             the config type
 */
public record LoadResult<T>(T value, List<Diagnostic> errors, SourceMap sourceMap, Set<String> invalidElements) {
    /** Copies the collections. */
    public LoadResult {
        errors = List.copyOf(errors);
        invalidElements = Collections.unmodifiableSet(new LinkedHashSet<>(invalidElements));
    }

    /**
     * A result with no invalid elements.
     *
     * @param value     the config, or null
     * @param errors    the diagnostics
     * @param sourceMap the positions
     */
    public LoadResult(T value, List<Diagnostic> errors, SourceMap sourceMap) {
        this(value, errors, sourceMap, Set.of());
    }

    /** @return true when the file loaded with no diagnostic at all */
    public boolean ok() {
        return value != null && errors.isEmpty();
    }

    /**
     * The diagnostics of one element, for showing it as disabled.
     *
     * @param elementPath an element's path, such as {@code http.routers.api}
     * @return the diagnostics whose key path lies within it
     */
    public List<Diagnostic> errorsFor(String elementPath) {
        List<Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : errors) {
            if (KeyPath.isWithin(elementPath, d.keyPath()) && !elementPath.isEmpty()) {
                out.add(d);
            }
        }
        return out;
    }
}

package dev.gatehouse.router;

import java.util.Objects;

/**
 * One router as the index sees it: a name (for tie-breaks and diagnostics), a compiled rule, a priority and the
 * opaque target the runtime wants back when the rule matches.
 *
 * @param name     the router's qualified name, such as {@code api@file}
 * @param rule     the compiled rule
 * @param priority the priority; higher wins
 * @param target   what {@link RouterIndex#match} returns for this router
 * @param <T>      the target type
 */
public record RouteEntry<T>(String name, Rule rule, int priority, T target) {
    /** Checks the components. */
    public RouteEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rule, "rule");
    }

    /**
     * Creates an entry, applying Traefik's rule for an unset priority: 0 means "use the default", which is
     * {@link Rules#defaultPriority(String)} of the rule text.
     *
     * @param name     the router's qualified name
     * @param rule     the compiled rule
     * @param priority the configured priority, or 0 when none was configured
     * @param target   the target
     * @param <T>      the target type
     * @return the entry
     */
    public static <T> RouteEntry<T> of(String name, Rule rule, int priority, T target) {
        return new RouteEntry<>(name, rule, priority == 0 ? Rules.defaultPriority(rule.text()) : priority, target);
    }
}

package dev.gatehouse.runtime.internal;

import dev.gatehouse.config.Diagnostic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Errors collected per element (by qualified name) during one compile. */
public final class ElementErrors {
    private final Map<String, List<Diagnostic>> byElement = new LinkedHashMap<>();
    private final List<Diagnostic> all = new ArrayList<>();

    /**
     * Records an error against an element.
     *
     * @param element the element's qualified name, with a kind prefix such as {@code router:}
     * @param d       the error
     */
    public void add(String element, Diagnostic d) {
        byElement.computeIfAbsent(element, k -> new ArrayList<>()).add(d);
        all.add(d);
    }

    /**
     * @param element the element's key
     * @return its errors as text, empty when none
     */
    public List<String> messages(String element) {
        List<Diagnostic> ds = byElement.get(element);
        return ds == null ? List.of() : ds.stream().map(Diagnostic::toString).toList();
    }

    /**
     * @param element the element's key
     * @return true when it has errors
     */
    public boolean has(String element) {
        return byElement.containsKey(element);
    }

    /** @return every error, in the order found */
    public List<Diagnostic> all() {
        return List.copyOf(all);
    }
}

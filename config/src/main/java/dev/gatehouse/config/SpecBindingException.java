package dev.gatehouse.config;

import java.util.List;

/**
 * A spec could not be bound from config; each diagnostic is located in the file. Unchecked, like the core
 * module's {@code InvalidSpecException}, since callers handle both in the same place.
 */
public final class SpecBindingException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Diagnostic> diagnostics;

    /**
     * Creates the exception.
     *
     * @param diagnostics what is wrong, at least one
     */
    public SpecBindingException(List<Diagnostic> diagnostics) {
        super(diagnostics.isEmpty() ? "invalid spec" : diagnostics.getFirst().toString());
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** @return every diagnostic, in file order */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}

package dev.gatehouse.identity.introspection;

/** The introspection endpoint could not give an answer (unreachable, timeout, non-200, not JSON). */
final class IntrospectionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    IntrospectionException(String message) {
        super(message, null, false, false);
    }
}

package dev.gatehouse.identity.oidc;

/**
 * A call to the provider failed. {@link #unavailable()} tells a provider that could not answer (connection
 * refused, timeout, 5xx: the gateway answers 503) from one that refused (4xx, such as {@code invalid_grant}: the
 * login is not valid).
 */
final class ProviderException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean unavailable;

    ProviderException(String message, boolean unavailable) {
        super(message, null, false, false);
        this.unavailable = unavailable;
    }

    /** @return true when the provider could not answer */
    boolean unavailable() {
        return unavailable;
    }

    /**
     * Whether a failure (perhaps wrapped by a future) means the provider could not answer.
     *
     * @param t the failure
     * @return true for an unavailable provider or an I/O failure
     */
    static boolean isUnavailable(Throwable t) {
        Throwable c = t;
        while (c instanceof java.util.concurrent.CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return !(c instanceof ProviderException p) || p.unavailable();
    }
}

package dev.gatehouse.core.spi;

/**
 * A spec is not valid. The key path is relative to the element, such as {@code prefixes[0]}; the runtime adds
 * the file, line and the element's own path.
 */
public final class InvalidSpecException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String keyPath;

    /**
     * Creates the exception.
     *
     * @param keyPath the key within the spec, or an empty string for the spec as a whole
     * @param message what is wrong and what was expected
     */
    public InvalidSpecException(String keyPath, String message) {
        super(message);
        this.keyPath = keyPath;
    }

    /** @return the key within the spec, or an empty string */
    public String keyPath() {
        return keyPath;
    }
}

package dev.gatehouse.core;

/** A body passed the limit a reader set for it. */
public final class BodyTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param limit the limit that was passed, in bytes
     */
    public BodyTooLargeException(long limit) {
        super("body larger than " + limit + " bytes", null, false, false);
    }
}

package dev.gatehouse.server.internal;

/**
 * Why a request is refused before the handler sees it. Thrown from the decoder and the request checks; the
 * bridge answers with {@link #status()} and closes the connection.
 */
public final class Rejection extends RuntimeException {
    private final int status;

    /**
     * @param status the status to answer with
     * @param reason what was wrong, for the log and the response body
     */
    public Rejection(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    /** @return the status to answer with */
    public int status() {
        return status;
    }
}

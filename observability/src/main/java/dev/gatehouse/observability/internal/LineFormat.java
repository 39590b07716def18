package dev.gatehouse.observability.internal;

/** Turns an access log entry into one line of text, newline included. Runs on the writer thread. */
public interface LineFormat {
    /**
     * Appends one line.
     *
     * @param e   the entry
     * @param out where to append
     */
    void append(AccessLogEntry e, StringBuilder out);
}

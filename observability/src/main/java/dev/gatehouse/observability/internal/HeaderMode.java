package dev.gatehouse.observability.internal;

/** What the access log does with one request header. */
public enum HeaderMode {
    /** Log the value. */
    KEEP,
    /** Leave the header out. */
    DROP,
    /** Log the header with the value {@code REDACTED}. */
    REDACT
}

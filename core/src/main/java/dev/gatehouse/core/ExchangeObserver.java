package dev.gatehouse.core;

/**
 * Watches connections and exchanges on the entry points: metrics and the access log implement it. Called on
 * event loops, so implementations must be quick and must not block (the access log hands lines to its own
 * writer thread).
 */
public interface ExchangeObserver {
    /**
     * A client connection opened.
     *
     * @param entryPoint the entry point's name
     * @param protocol   {@code http} or {@code https}
     */
    default void connectionOpened(String entryPoint, String protocol) {
    }

    /**
     * A client connection closed.
     *
     * @param entryPoint the entry point's name
     * @param protocol   {@code http} or {@code https}
     */
    default void connectionClosed(String entryPoint, String protocol) {
    }

    /**
     * An exchange ended.
     *
     * @param summary what happened
     */
    void exchangeCompleted(ExchangeSummary summary);

    /** An observer that does nothing. */
    ExchangeObserver NONE = s -> { };
}

package dev.gatehouse.runtime.spi;

/**
 * A source of routing config: files now, Kubernetes later.
 *
 * <pre>
 *  provider ──publish(complete state)──▶ ConfigWatcher ──debounce, dedupe──▶ compile ──▶ snapshot swap
 * </pre>
 *
 * <p>Level-triggered: every publication is the provider's complete current state, never a delta, so a lost
 * or repeated publication does no harm.
 */
public interface ConfigProvider extends AutoCloseable {
    /** @return the provider's name, the suffix of qualified element names ({@code api@file}) */
    String name();

    /**
     * Starts publishing. Publishes the initial state before returning, then on every change.
     *
     * @param sink where states go; callable from any thread
     */
    void start(ProviderSink sink);

    /** Stops watching. */
    @Override
    void close();
}

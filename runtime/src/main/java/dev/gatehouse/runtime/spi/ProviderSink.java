package dev.gatehouse.runtime.spi;

/** Receives providers' states. Thread-safe. */
@FunctionalInterface
public interface ProviderSink {
    /**
     * Takes a provider's complete current state.
     *
     * @param state the state
     */
    void publish(ProviderState state);
}

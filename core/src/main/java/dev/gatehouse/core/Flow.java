package dev.gatehouse.core;

/**
 * Back-pressure between a body's producer and its consumer. The consumer pauses the producer when it cannot
 * take more (a downstream socket that is not writable) and resumes it later; for a socket this maps to Netty's
 * {@code autoRead}. Calls happen on the exchange's event loop.
 */
public interface Flow {
    /** Asks the producer to stop emitting until {@link #resume()}. Chunks already in flight may still arrive. */
    void pause();

    /** Lets the producer emit again. */
    void resume();

    /** Tells the producer the consumer has gone: it stops, and releases what it holds. */
    void cancel();

    /** A flow that ignores every call, for bodies already in memory. */
    Flow NONE = new Flow() {
        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }

        @Override
        public void cancel() {
        }
    };
}

package dev.gatehouse.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition, bounded in time, polling; fails with a message when time runs out. */
public final class Eventually {
    private Eventually() {
    }

    /**
     * Polls until the condition holds.
     *
     * @param timeout   the longest wait
     * @param what      what is awaited, for the failure message
     * @param condition the condition
     */
    public static void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 5;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
            pause = Math.min(pause * 2, 100);
        }
    }
}

package dev.gatehouse.upstream.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One server's health: the active checker's verdict plus passive failure tracking. Read on every request from
 * any event loop, so it is lock-free: the passive window is a ring of the last {@code maxFailedAttempts}
 * failure times; when all of them fall inside the window, the server is out until the window has passed.
 */
public final class ServerHealth {
    private final AtomicLongArray failures;
    private final AtomicInteger next = new AtomicInteger();
    private final long windowNanos;
    private volatile boolean activeUp = true;
    private volatile long downUntil;
    private volatile boolean passiveDown;

    /**
     * @param maxFailedAttempts failures that take the server out, or 0 for no passive checking
     * @param windowNanos       the failure window
     */
    public ServerHealth(int maxFailedAttempts, long windowNanos) {
        this.failures = maxFailedAttempts > 0 ? new AtomicLongArray(maxFailedAttempts) : null;
        this.windowNanos = windowNanos;
        if (failures != null) {
            for (int i = 0; i < failures.length(); i++) {
                failures.set(i, Long.MIN_VALUE);
            }
        }
    }

    /** @return true when the server may take requests now */
    public boolean up() {
        return activeUp && (!passiveDown || System.nanoTime() - downUntil >= 0);
    }

    /** @param up the active checker's verdict */
    public void activeUp(boolean up) {
        this.activeUp = up;
    }

    /** @return the active checker's verdict */
    public boolean activeUp() {
        return activeUp;
    }

    /** Records a failed request (unreachable or 5xx) for passive checking. */
    public void recordFailure() {
        if (failures == null) {
            return;
        }
        long now = System.nanoTime();
        int n = failures.length();
        failures.set(Math.floorMod(next.getAndIncrement(), n), now);
        for (int i = 0; i < n; i++) {
            long t = failures.get(i);
            if (t == Long.MIN_VALUE || now - t > windowNanos) {
                return;
            }
        }
        downUntil = now + windowNanos;
        passiveDown = true;
        // Start a fresh count once the server comes back.
        for (int i = 0; i < n; i++) {
            failures.set(i, Long.MIN_VALUE);
        }
    }
}

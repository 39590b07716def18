package dev.gatehouse.server.internal;

import io.netty.channel.Channel;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The responding timeouts of one HTTP/1 connection, as Go's server (and so Traefik) applies them: the idle
 * timeout runs while the connection waits for the next request, the read timeout from its first byte until the
 * head is complete, and the write timeout from the head until the response is written.
 *
 * <p>At most one of the three runs at a time, so the connection keeps one deadline and one scheduled task.
 * Moving between phases only stores a new deadline; the task, when it fires early, re-arms itself for what is
 * left. Scheduling and cancelling a task per phase (three per request) cost a priority-queue insert and removal
 * each on the event loop, which showed in profiles of keep-alive traffic.
 */
final class Http1Timers {
    /** What to do when a timer fires. */
    interface Actions {
        /** The request head did not arrive in time. */
        void headTimedOut();

        /** The connection stayed idle too long. */
        void idleTimedOut();

        /** The response took too long to write. */
        void writeTimedOut();
    }

    private static final int NONE = 0;
    private static final int IDLE = 1;
    private static final int HEAD = 2;
    private static final int WRITE = 3;

    private final Channel ch;
    private final ListenerConfig cfg;
    private final Actions actions;
    private final Runnable fire = this::fire;
    /** The running phase, or NONE. */
    private int phase;
    /** When the running phase times out, in {@link System#nanoTime()} terms. */
    private long deadline;
    /** The scheduled task, or null, and when it runs. */
    private ScheduledFuture<?> task;
    private long taskAt;
    private boolean awaitingHead = true;

    Http1Timers(Channel ch, ListenerConfig cfg, Actions actions) {
        this.ch = ch;
        this.cfg = cfg;
        this.actions = actions;
    }

    /** Request bytes arrived: a head is on its way if none was pending. */
    void bytesReceived() {
        if (awaitingHead && phase != HEAD) {
            enter(HEAD, cfg.readTimeoutMs());
        }
    }

    /** A request head was decoded. */
    void headReceived() {
        awaitingHead = false;
        enter(WRITE, cfg.writeTimeoutMs());
    }

    /** The exchange ended and the connection stays open for the next request. */
    void exchangeFinished() {
        awaitingHead = true;
        enter(IDLE, cfg.idleTimeoutMs());
    }

    /** Stops every timer (connection closing, or switched to a tunnel). */
    void cancelAll() {
        phase = NONE;
        awaitingHead = false;
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    private void enter(int p, long ms) {
        if (ms <= 0) {
            phase = NONE;
            return;
        }
        phase = p;
        deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        if (task != null && taskAt - deadline <= 0) {
            // The pending task runs first and re-arms for the rest.
            return;
        }
        if (task != null) {
            task.cancel(false);
        }
        arm();
    }

    private void arm() {
        taskAt = deadline;
        task = ch.eventLoop().schedule(fire, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void fire() {
        task = null;
        int p = phase;
        if (p == NONE) {
            return;
        }
        if (deadline - System.nanoTime() > 0) {
            arm();
            return;
        }
        phase = NONE;
        switch (p) {
            case HEAD -> {
                // Like a fired one-shot timer: later bytes of the same head do not start another.
                awaitingHead = false;
                actions.headTimedOut();
            }
            case IDLE -> actions.idleTimedOut();
            default -> actions.writeTimedOut();
        }
    }
}

package dev.gatehouse.server.internal;

import io.netty.channel.Channel;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The responding timeouts of one HTTP/1 connection, as Go's server (and so Traefik) applies them: the idle
 * timeout runs while the connection waits for the next request, the read timeout from its first byte until the
 * head is complete, and the write timeout from the head until the response is written.
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

    private final Channel ch;
    private final ListenerConfig cfg;
    private final Actions actions;
    private ScheduledFuture<?> head;
    private ScheduledFuture<?> idle;
    private ScheduledFuture<?> write;
    private boolean awaitingHead = true;

    Http1Timers(Channel ch, ListenerConfig cfg, Actions actions) {
        this.ch = ch;
        this.cfg = cfg;
        this.actions = actions;
    }

    /** Request bytes arrived: a head is on its way if none was pending. */
    void bytesReceived() {
        if (awaitingHead && head == null) {
            idle = cancel(idle);
            if (cfg.readTimeoutMs() > 0) {
                head = ch.eventLoop().schedule(actions::headTimedOut, cfg.readTimeoutMs(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** A request head was decoded. */
    void headReceived() {
        awaitingHead = false;
        head = cancel(head);
        idle = cancel(idle);
        if (cfg.writeTimeoutMs() > 0) {
            write = ch.eventLoop().schedule(actions::writeTimedOut, cfg.writeTimeoutMs(), TimeUnit.MILLISECONDS);
        }
    }

    /** The exchange ended and the connection stays open for the next request. */
    void exchangeFinished() {
        write = cancel(write);
        awaitingHead = true;
        if (cfg.idleTimeoutMs() > 0) {
            idle = ch.eventLoop().schedule(actions::idleTimedOut, cfg.idleTimeoutMs(), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops every timer (connection closing, or switched to a tunnel). */
    void cancelAll() {
        head = cancel(head);
        idle = cancel(idle);
        write = cancel(write);
        awaitingHead = false;
    }

    private static ScheduledFuture<?> cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
        return null;
    }
}

package dev.gatehouse.upstream.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One event loop's share of a {@link ConnectionPool}: idle HTTP/1.1 connections, HTTP/2 connections and the
 * HTTP/2 dial in progress. Touched only on that loop.
 */
final class LoopConnections {
    final ArrayDeque<UpstreamConnection> idle = new ArrayDeque<>();
    final List<Http2Connection> http2 = new ArrayList<>(2);
    /** Exchanges waiting for the HTTP/2 dial in progress, or null. */
    Waiters pending;

    /** @return an idle HTTP/1.1 connection that is still open, or null */
    UpstreamConnection pollIdle() {
        UpstreamConnection c;
        while ((c = idle.pollLast()) != null) {
            c.idleEnd();
            if (c.channel().isActive()) {
                return c;
            }
        }
        return null;
    }

    /** @return an HTTP/2 connection that takes another stream, or null */
    Http2Connection usableHttp2() {
        for (int i = 0; i < http2.size(); i++) {
            Http2Connection c = http2.get(i);
            if (c.hasCapacity()) {
                return c;
            }
        }
        return null;
    }

    /** Closes idle HTTP/1.1 connections; HTTP/2 connections close when their last stream ends. */
    void closeAll() {
        UpstreamConnection c;
        while ((c = idle.pollFirst()) != null) {
            c.channel().close();
        }
        for (Http2Connection h : List.copyOf(http2)) {
            h.retire();
        }
    }
}

package dev.gatehouse.upstream.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Exchanges that wait for one dial that may bring an HTTP/2 connection, so that a burst of requests opens one
 * connection rather than one each. Touched only on the pool's event loop.
 */
final class Waiters {
    private final List<ConnectionPool.Callback> callbacks = new ArrayList<>(4);

    Waiters(ConnectionPool.Callback first) {
        callbacks.add(first);
    }

    /**
     * Adds an exchange while the expected connection still has room for its stream.
     *
     * @param cb the exchange
     * @return false when the dial is already full
     */
    boolean join(ConnectionPool.Callback cb) {
        if (callbacks.size() >= Http2Connection.DEFAULT_MAX_STREAMS) {
            return false;
        }
        callbacks.add(cb);
        return true;
    }

    /**
     * The dial brought an HTTP/2 connection: exchanges open streams on it while the server's limit allows.
     *
     * @param conn     the connection
     * @param overflow where the exchanges past the limit go (they look for another connection)
     */
    void deliver(Http2Connection conn, Consumer<ConnectionPool.Callback> overflow) {
        for (ConnectionPool.Callback cb : callbacks) {
            if (conn.hasCapacity()) {
                cb.acceptHttp2(conn);
            } else {
                overflow.accept(cb);
            }
        }
    }

    /**
     * The dial failed, or brought an HTTP/1.1 connection, which only the first exchange can use.
     *
     * @param conn   the HTTP/1.1 connection, or null
     * @param cause  the failure, or null
     * @param others where the other exchanges go when there is a connection (they look for their own)
     */
    void fail(UpstreamConnection conn, Throwable cause, Consumer<ConnectionPool.Callback> others) {
        callbacks.getFirst().accept(conn, cause);
        for (int i = 1; i < callbacks.size(); i++) {
            if (cause != null) {
                callbacks.get(i).accept(null, cause);
            } else {
                others.accept(callbacks.get(i));
            }
        }
    }
}

package dev.gatehouse.upstream.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Keep-alive HTTP/1.1 connections to one upstream address through one transport. Each event loop has its own
 * idle list, touched only on that loop, so taking and returning a connection needs no lock. A connection goes
 * back only after a complete exchange with keep-alive, and leaves after {@code idleConnTimeout}.
 */
public final class ConnectionPool implements AutoCloseable {
    /** Key of a pool: the transport and the upstream's scheme, host and port. */
    public record Key(TransportConfig transport, boolean tls, String host, int port) {
    }

    /** Called with a ready connection (TLS handshake done) or the reason there is none. */
    interface Callback {
        void accept(UpstreamConnection conn, Throwable cause);
    }

    private final Key key;
    private final ConcurrentHashMap<EventLoop, ArrayDeque<UpstreamConnection>> idle = new ConcurrentHashMap<>();
    private final AtomicLong opened = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param key what the pool connects to
     */
    public ConnectionPool(Key key) {
        this.key = key;
    }

    /** @return the pool's key */
    public Key key() {
        return key;
    }

    /** @return connections opened so far, for tests and metrics */
    public long opened() {
        return opened.get();
    }

    /** Takes an idle connection of this loop or opens one. Runs on {@code loop}; the callback too. */
    void acquire(EventLoop loop, Callback cb) {
        ArrayDeque<UpstreamConnection> q = idle.get(loop);
        if (q != null) {
            UpstreamConnection c;
            while ((c = q.pollLast()) != null) {
                if (c.idleTimer != null) {
                    c.idleTimer.cancel(false);
                    c.idleTimer = null;
                }
                if (c.channel().isActive()) {
                    cb.accept(c, null);
                    return;
                }
            }
        }
        connect(loop, cb);
    }

    /** Opens a new connection on {@code loop}. */
    void connect(EventLoop loop, Callback cb) {
        if (closed) {
            cb.accept(null, new IllegalStateException("connection pool closed"));
            return;
        }
        HostResolver.resolve(key.host(), key.port()).whenComplete((addr, err) -> loop.execute(() -> {
            if (err != null) {
                cb.accept(null, err.getCause() != null ? err.getCause() : err);
            } else {
                dial(loop, addr, cb);
            }
        }));
    }

    private void dial(EventLoop loop, InetSocketAddress addr, Callback cb) {
        TransportConfig t = key.transport();
        Bootstrap b = new Bootstrap().group(loop).channel(ChannelTypes.socketChannel(loop))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, t.dialTimeoutMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (key.tls()) {
                            p.addLast("tls", sslHandler(ch));
                        }
                        p.addLast("http", new HttpClientCodec());
                        p.addLast("conn", new UpstreamConnection(ConnectionPool.this, ch));
                    }
                });
        long start = System.nanoTime();
        ChannelFuture f = b.connect(addr);
        f.addListener(done -> {
            if (!done.isSuccess()) {
                cb.accept(null, done.cause());
                return;
            }
            opened.incrementAndGet();
            Channel ch = f.channel();
            UpstreamConnection conn = ch.pipeline().get(UpstreamConnection.class);
            SslHandler ssl = ch.pipeline().get(SslHandler.class);
            if (ssl == null) {
                cb.accept(conn, null);
                return;
            }
            // The dial timeout covers the TLS handshake too, as Go's dialer with TLS does.
            long left = t.dialTimeoutMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            ssl.setHandshakeTimeoutMillis(Math.max(1, left));
            ssl.handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    cb.accept(conn, null);
                } else {
                    ch.close();
                    cb.accept(null, h.cause());
                }
            });
        });
    }

    private SslHandler sslHandler(SocketChannel ch) {
        TransportConfig t = key.transport();
        String name = t.serverName() != null && !t.serverName().isEmpty() ? t.serverName() : key.host();
        SslHandler h = t.tls().newHandler(ch.alloc(), name, key.port());
        if (!t.insecureSkipVerify()) {
            SSLEngine engine = h.engine();
            SSLParameters params = engine.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(params);
        }
        return h;
    }

    /** Returns a connection after a complete keep-alive exchange. Runs on the connection's loop. */
    void release(UpstreamConnection conn) {
        Channel ch = conn.channel();
        TransportConfig t = key.transport();
        if (closed || !ch.isActive() || t.maxIdlePerHost() == 0) {
            ch.close();
            return;
        }
        ch.config().setAutoRead(true);
        ArrayDeque<UpstreamConnection> q = idle.computeIfAbsent(ch.eventLoop(), l -> new ArrayDeque<>());
        if (q.size() >= t.maxIdlePerHost()) {
            ch.close();
            return;
        }
        q.addLast(conn);
        if (t.idleTimeoutMillis() > 0) {
            conn.idleTimer = ch.eventLoop().schedule(() -> {
                if (q.remove(conn)) {
                    ch.close();
                }
            }, t.idleTimeoutMillis(), TimeUnit.MILLISECONDS);
        }
        if (closed && q.remove(conn)) {
            ch.close();
        }
    }

    /** Drops a connection that closed. Runs on its loop. */
    void forget(UpstreamConnection conn) {
        ArrayDeque<UpstreamConnection> q = idle.get(conn.channel().eventLoop());
        if (q != null) {
            q.remove(conn);
        }
        if (conn.idleTimer != null) {
            conn.idleTimer.cancel(false);
            conn.idleTimer = null;
        }
    }

    /** @return idle connections across loops (approximate: read from another thread) */
    public int idleCount() {
        int n = 0;
        for (ArrayDeque<UpstreamConnection> q : idle.values()) {
            n += q.size();
        }
        return n;
    }

    /** Closes idle connections; connections in use close when their exchange ends. */
    @Override
    public void close() {
        closed = true;
        idle.forEach((loop, q) -> loop.execute(() -> {
            UpstreamConnection c;
            while ((c = q.pollFirst()) != null) {
                c.channel().close();
            }
        }));
    }
}

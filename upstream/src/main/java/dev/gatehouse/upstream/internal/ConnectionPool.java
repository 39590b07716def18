package dev.gatehouse.upstream.internal;

import dev.gatehouse.core.net.HostResolver;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Connections to one upstream address through one transport: keep-alive HTTP/1.1 connections and multiplexed
 * HTTP/2 connections. Each event loop has its own {@link LoopConnections}, touched only on that loop, so taking
 * and returning a connection needs no lock.
 *
 * <pre>
 *  http://     HTTP/1.1 only
 *  h2c://      HTTP/2 with prior knowledge, no TLS
 *  https://    ALPN offers h2 then http/1.1 (unless disableHTTP2); upgrades offer no ALPN, so get HTTP/1.1
 * </pre>
 *
 * An HTTP/1.1 connection goes back only after a complete exchange with keep-alive, and leaves after
 * {@code idleConnTimeout}. Exchanges that wait for the same HTTP/2 dial share it, up to the stream limit.
 */
public final class ConnectionPool implements AutoCloseable {
    /** Key of a pool: the transport and the upstream's scheme, host and port. */
    public record Key(TransportConfig transport, boolean tls, boolean h2c, String host, int port) {
    }

    /** Called with a ready connection (TLS handshake done) or the reason there is none. */
    interface Callback {
        /**
         * An HTTP/1.1 connection, or the failure.
         *
         * @param conn  the connection, now held by the callee, or null
         * @param cause why there is none, or null
         */
        void accept(UpstreamConnection conn, Throwable cause);

        /**
         * An HTTP/2 connection: the callee opens a stream on it (or not) at once, on the connection's loop.
         *
         * @param conn the connection
         */
        void acceptHttp2(Http2Connection conn);
    }

    /** How a dial talks once connected. */
    private enum Mode { HTTP1, ALPN, H2C }

    private static final int UNKNOWN = 0;
    private static final int SPEAKS_H2 = 1;
    private static final int SPEAKS_HTTP1 = 2;

    private final Key key;
    private final ConcurrentHashMap<EventLoop, LoopConnections> loops = new ConcurrentHashMap<>();
    private final AtomicLong opened = new AtomicLong();
    /** What ALPN chose last time: a hint whether waiting for another exchange's dial pays off. */
    private volatile int alpnResult = UNKNOWN;
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

    private LoopConnections on(EventLoop loop) {
        LoopConnections s = loops.get(loop);
        return s != null ? s : loops.computeIfAbsent(loop, l -> new LoopConnections());
    }

    /**
     * A connection's loop never changes and loops are never dropped from the map, so the connection keeps
     * its set: returning it to the pool then costs no map lookup per request.
     */
    private LoopConnections on(UpstreamConnection conn) {
        LoopConnections s = conn.home;
        if (s == null) {
            s = on(conn.channel().eventLoop());
            conn.home = s;
        }
        return s;
    }

    /**
     * Finds or opens a connection on {@code loop}; runs there, and so does the callback.
     *
     * @param http1Only true when the exchange needs HTTP/1.1 (an upgrade)
     */
    void acquire(EventLoop loop, boolean http1Only, Callback cb) {
        LoopConnections s = on(loop);
        boolean h2 = key.h2c() || !http1Only && alpn();
        if (h2) {
            Http2Connection c = s.usableHttp2();
            if (c != null) {
                cb.acceptHttp2(c);
                return;
            }
        }
        if (!key.h2c()) {
            UpstreamConnection c = s.pollIdle();
            if (c != null) {
                cb.accept(c, null);
                return;
            }
        }
        if (!h2 || !key.h2c() && alpnResult == SPEAKS_HTTP1) {
            // Nothing to share: HTTP/1.1 takes one connection per exchange.
            connect(loop, http1Only, cb);
            return;
        }
        if (s.pending != null && s.pending.join(cb)) {
            return;
        }
        Waiters w = new Waiters(cb);
        s.pending = w;
        connect(loop, http1Only, new Callback() {
            @Override
            public void accept(UpstreamConnection conn, Throwable cause) {
                if (s.pending == w) {
                    s.pending = null;
                }
                w.fail(conn, cause, other -> acquire(loop, false, other));
            }

            @Override
            public void acceptHttp2(Http2Connection conn) {
                if (s.pending == w) {
                    s.pending = null;
                }
                w.deliver(conn, other -> acquire(loop, false, other));
            }
        });
    }

    private boolean alpn() {
        return key.tls() && key.transport().alpnTls() != null;
    }

    /** Opens a new connection on {@code loop}, HTTP/2 when the scheme or ALPN says so. */
    void connect(EventLoop loop, boolean http1Only, Callback cb) {
        if (closed) {
            cb.accept(null, new IllegalStateException("connection pool closed"));
            return;
        }
        Mode mode = key.h2c() ? Mode.H2C : !http1Only && alpn() ? Mode.ALPN : Mode.HTTP1;
        HostResolver.resolve(key.host(), key.port()).whenComplete((addr, err) -> loop.execute(() -> {
            if (err != null) {
                cb.accept(null, err.getCause() != null ? err.getCause() : err);
            } else {
                dial(loop, addr, mode, cb);
            }
        }));
    }

    private void dial(EventLoop loop, InetSocketAddress addr, Mode mode, Callback cb) {
        TransportConfig t = key.transport();
        Callback once = new Once(cb);
        long start = System.nanoTime();
        Bootstrap b = new Bootstrap().group(loop).channel(ChannelTypes.socketChannel(loop))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, t.dialTimeoutMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        switch (mode) {
                            case H2C -> Http2Connection.install(ConnectionPool.this, ch);
                            case HTTP1 -> {
                                if (key.tls()) {
                                    p.addLast("tls", sslHandler(ch, t.tls()));
                                }
                                addHttp1(p, ch);
                            }
                            case ALPN -> {
                                p.addLast("tls", sslHandler(ch, t.alpnTls()));
                                p.addLast("alpn", new Negotiation(ch, once, start));
                            }
                        }
                    }
                });
        ChannelFuture f = b.connect(addr);
        f.addListener(done -> {
            if (!done.isSuccess()) {
                once.accept(null, done.cause());
                return;
            }
            opened.incrementAndGet();
            Channel ch = f.channel();
            if (mode == Mode.H2C) {
                ch.pipeline().get(Http2Connection.class).awaitSettings(left(t, start), registering(once));
                return;
            }
            SslHandler ssl = ch.pipeline().get(SslHandler.class);
            if (ssl == null) {
                once.accept(ch.pipeline().get(UpstreamConnection.class), null);
                return;
            }
            // The dial timeout covers the TLS handshake too, as Go's dialer with TLS does.
            ssl.setHandshakeTimeoutMillis(left(t, start));
            ssl.handshakeFuture().addListener(h -> {
                if (!h.isSuccess()) {
                    ch.close();
                    once.accept(null, h.cause());
                } else if (mode == Mode.HTTP1) {
                    once.accept(ch.pipeline().get(UpstreamConnection.class), null);
                }
                // With ALPN, the negotiation handler reports once it has set up the protocol.
            });
        });
    }

    private static long left(TransportConfig t, long startNanos) {
        return Math.max(1, t.dialTimeoutMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    /** Adds an HTTP/2 connection to its loop's list once it is ready, then reports it. */
    private Callback registering(Callback cb) {
        return new Callback() {
            @Override
            public void accept(UpstreamConnection conn, Throwable cause) {
                cb.accept(conn, cause);
            }

            @Override
            public void acceptHttp2(Http2Connection conn) {
                cb.acceptHttp2(added(conn.channel().eventLoop(), conn));
            }
        };
    }

    private void addHttp1(ChannelPipeline p, Channel ch) {
        p.addLast("http", new HttpClientCodec());
        p.addLast("conn", new UpstreamConnection(this, ch));
    }

    private Http2Connection added(EventLoop loop, Http2Connection c) {
        on(loop).http2.add(c);
        if (closed) {
            c.retire();
        }
        return c;
    }

    private SslHandler sslHandler(SocketChannel ch, SslContext ctx) {
        TransportConfig t = key.transport();
        String name = t.serverName() != null && !t.serverName().isEmpty() ? t.serverName() : key.host();
        SslHandler h = ctx.newHandler(ch.alloc(), name, key.port());
        if (!t.insecureSkipVerify()) {
            SSLEngine engine = h.engine();
            SSLParameters params = engine.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(params);
        }
        return h;
    }

    /** Returns an HTTP/1.1 connection after a complete keep-alive exchange. Runs on the connection's loop. */
    void release(UpstreamConnection conn) {
        Channel ch = conn.channel();
        TransportConfig t = key.transport();
        if (closed || !ch.isActive() || t.maxIdlePerHost() == 0) {
            ch.close();
            return;
        }
        ch.config().setAutoRead(true);
        LoopConnections s = on(conn);
        if (s.idle.size() >= t.maxIdlePerHost()) {
            ch.close();
            return;
        }
        s.idle.addLast(conn);
        if (t.idleTimeoutMillis() > 0) {
            conn.idleFrom(s, t.idleTimeoutMillis());
        }
        if (closed && s.idle.remove(conn)) {
            ch.close();
        }
    }

    /** Drops an HTTP/1.1 connection that closed. Runs on its loop. */
    void forget(UpstreamConnection conn) {
        LoopConnections s = conn.home != null ? conn.home : loops.get(conn.channel().eventLoop());
        if (s != null) {
            s.idle.remove(conn);
        }
        conn.cancelIdleCheck();
    }

    /** Drops an HTTP/2 connection that closed or takes no new streams. Runs on its loop. */
    void forget(Http2Connection conn) {
        LoopConnections s = loops.get(conn.channel().eventLoop());
        if (s != null) {
            s.http2.remove(conn);
        }
    }

    /** @return idle HTTP/1.1 connections across loops (approximate: read from another thread) */
    public int idleCount() {
        int n = 0;
        for (LoopConnections s : loops.values()) {
            n += s.idle.size();
        }
        return n;
    }

    /**
     * Closes idle connections; HTTP/1.1 connections in use close when their exchange ends, HTTP/2 connections
     * when their last stream does.
     */
    @Override
    public void close() {
        closed = true;
        loops.forEach((loop, s) -> loop.execute(s::closeAll));
    }

    /** Delivers a dial's result once, whatever path reports it. */
    private static final class Once implements Callback {
        private final Callback cb;
        private boolean done;

        Once(Callback cb) {
            this.cb = cb;
        }

        @Override
        public void accept(UpstreamConnection conn, Throwable cause) {
            if (!done) {
                done = true;
                cb.accept(conn, cause);
            }
        }

        @Override
        public void acceptHttp2(Http2Connection conn) {
            if (!done) {
                done = true;
                cb.acceptHttp2(conn);
            }
        }
    }

    /** After the TLS handshake, sets the connection up for the protocol the server chose by ALPN. */
    private final class Negotiation extends ApplicationProtocolNegotiationHandler {
        private final Channel ch;
        private final Callback cb;
        private final long start;

        Negotiation(Channel ch, Callback cb, long start) {
            super(ApplicationProtocolNames.HTTP_1_1);
            this.ch = ch;
            this.cb = cb;
            this.start = start;
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                alpnResult = SPEAKS_H2;
                Http2Connection.install(ConnectionPool.this, ch).awaitSettings(left(key.transport(), start),
                        registering(cb));
            } else {
                alpnResult = SPEAKS_HTTP1;
                addHttp1(ctx.pipeline(), ch);
                cb.accept(ctx.pipeline().get(UpstreamConnection.class), null);
            }
        }

        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            // Reported to the exchange through the handshake future; nothing to log here.
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}

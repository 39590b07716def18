package dev.gatehouse.upstream.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2PingFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One HTTP/2 connection to an upstream server, multiplexing many exchanges as streams. Lives on one event loop
 * and is touched only there. It is the last handler of the connection's pipeline, after the frame codec and the
 * multiplexer, so it sees the connection-level frames: SETTINGS (the server's stream limit), GOAWAY and PING.
 *
 * <pre>
 *  [tls] ─ [idle] ─ Http2FrameCodec ─ Http2MultiplexHandler ─ Http2Connection
 *                                        └─ stream channels: Http2StreamFrameToHttpObjectCodec ─ exchange
 * </pre>
 *
 * <p>A connection takes new streams while it is open, has not seen GOAWAY, and has fewer streams than the
 * server's {@code MAX_CONCURRENT_STREAMS}. It closes after {@code idleConnTimeout} without streams, once it has
 * no streams left after GOAWAY, and when a PING sent after {@code readIdleTimeout} of silence goes unanswered
 * for {@code pingTimeout}.
 */
final class Http2Connection extends ChannelInboundHandlerAdapter {
    /** Streams assumed allowed until the server's SETTINGS say otherwise (the common server default). */
    static final int DEFAULT_MAX_STREAMS = 100;
    /** Per-stream receive window: room for a paused consumer without stalling the server at every chunk. */
    private static final int STREAM_WINDOW = 1 << 20;
    /**
     * Connection receive window. Bytes a paused stream has not read count against it, so a small window would
     * let one slow consumer stall every stream of the connection; a large one leaves flow control per stream.
     */
    private static final int CONNECTION_WINDOW = 1 << 30;
    private static final int MAX_HEADER_LIST = 1 << 20;

    private final ConnectionPool pool;
    private final Channel channel;
    private final TransportConfig transport;
    private int maxStreams = DEFAULT_MAX_STREAMS;
    private int streams;
    private boolean goingAway;
    private ScheduledFuture<?> idleTimer;
    private ScheduledFuture<?> pingTimer;
    private boolean settingsSeen;
    private ConnectionPool.Callback readyCallback;
    private ScheduledFuture<?> settingsTimer;

    private Http2Connection(ConnectionPool pool, Channel channel) {
        this.pool = pool;
        this.channel = channel;
        this.transport = pool.key().transport();
    }

    /**
     * Adds the HTTP/2 client handlers to a connection's pipeline (after TLS, when there is TLS).
     *
     * @param pool the pool the connection belongs to
     * @param ch   the connection
     * @return the connection's handler
     */
    static Http2Connection install(ConnectionPool pool, Channel ch) {
        TransportConfig t = pool.key().transport();
        ChannelPipeline p = ch.pipeline();
        if (t.readIdleMillis() > 0) {
            // Before the codec, so that any frame read, on any stream, counts as a sign of life.
            p.addLast("h2-idle", new IdleStateHandler(t.readIdleMillis(), 0, 0, TimeUnit.MILLISECONDS));
        }
        Http2Settings settings = Http2Settings.defaultSettings().pushEnabled(false)
                .initialWindowSize(STREAM_WINDOW).maxHeaderListSize(MAX_HEADER_LIST);
        p.addLast("h2", Http2FrameCodecBuilder.forClient().initialSettings(settings)
                // Streams past the server's limit wait in the codec instead of failing (a limit lowered
                // after we counted).
                .encoderEnforceMaxConcurrentStreams(true).build());
        p.addLast("h2-mux", new Http2MultiplexHandler(PushRefuser.INSTANCE));
        Http2Connection c = new Http2Connection(pool, ch);
        p.addLast("h2-conn", c);
        return c;
    }

    Channel channel() {
        return channel;
    }

    /**
     * Reports the connection once the server's first SETTINGS arrived, so that its stream limit is known before
     * streams are spread over connections.
     *
     * @param timeoutMillis how long to wait (what is left of the dial timeout)
     * @param cb            gets this connection, or the failure
     */
    void awaitSettings(long timeoutMillis, ConnectionPool.Callback cb) {
        if (settingsSeen) {
            cb.acceptHttp2(this);
            return;
        }
        readyCallback = cb;
        settingsTimer = channel.eventLoop().schedule(() -> {
            failReady(new ConnectTimeoutException("no HTTP/2 settings from the server within the dial timeout"));
            channel.close();
        }, Math.max(1, timeoutMillis), TimeUnit.MILLISECONDS);
    }

    private void ready() {
        settingsSeen = true;
        ConnectionPool.Callback cb = readyCallback;
        readyCallback = null;
        if (settingsTimer != null) {
            settingsTimer.cancel(false);
            settingsTimer = null;
        }
        if (cb != null) {
            cb.acceptHttp2(this);
        }
    }

    private void failReady(Throwable cause) {
        ConnectionPool.Callback cb = readyCallback;
        readyCallback = null;
        if (settingsTimer != null) {
            settingsTimer.cancel(false);
            settingsTimer = null;
        }
        if (cb != null) {
            cb.accept(null, cause);
        }
    }

    /** @return true while new streams may go on this connection */
    boolean hasCapacity() {
        return !goingAway && streams < maxStreams && channel.isActive();
    }

    /**
     * Opens a stream for one exchange.
     *
     * @param handler  the exchange's handler, after the codec that maps frames to HTTP objects
     * @param callback gets the stream channel or why there is none; runs on the connection's loop
     */
    void openStream(ChannelHandler handler, BiConsumer<Http2StreamChannel, Throwable> callback) {
        streams++;
        cancelIdleTimer();
        new Http2StreamChannelBootstrap(channel).handler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel ch) {
                ch.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false), handler);
            }
        }).open().addListener(f -> {
            if (f.isSuccess()) {
                Http2StreamChannel child = (Http2StreamChannel) f.getNow();
                child.closeFuture().addListener(c -> streamClosed());
                callback.accept(child, null);
            } else {
                streamClosed();
                callback.accept(null, f.cause());
            }
        });
    }

    private void streamClosed() {
        streams--;
        if (streams > 0) {
            return;
        }
        if (goingAway) {
            channel.close();
        } else if (transport.idleTimeoutMillis() > 0 && channel.isActive()) {
            idleTimer = channel.eventLoop().schedule(() -> {
                if (streams == 0) {
                    retire();
                }
            }, transport.idleTimeoutMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Takes no new streams and closes once the current ones end. Runs on the connection's loop. */
    void retire() {
        if (!goingAway) {
            goingAway = true;
            pool.forget(this);
        }
        if (streams == 0) {
            channel.close();
        }
    }

    private void cancelIdleTimer() {
        if (idleTimer != null) {
            idleTimer.cancel(false);
            idleTimer = null;
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            openConnectionWindow(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        openConnectionWindow(ctx);
        ctx.fireChannelActive();
    }

    private void openConnectionWindow(ChannelHandlerContext ctx) {
        // A window update without a stream widens the connection's window; the codec sent its preface already.
        ctx.writeAndFlush(new DefaultHttp2WindowUpdateFrame(CONNECTION_WINDOW - Http2CodecUtil.DEFAULT_WINDOW_SIZE));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Http2SettingsFrame s) {
                Long max = s.settings().maxConcurrentStreams();
                if (max != null) {
                    maxStreams = (int) Math.min(Integer.MAX_VALUE, max);
                }
                if (!settingsSeen) {
                    ready();
                }
            } else if (msg instanceof Http2GoAwayFrame) {
                // Streams the server did not take are closed by the codec; their exchanges retry or fail.
                retire();
            } else if (msg instanceof Http2PingFrame ping && ping.ack()) {
                cancelPingTimer();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            if (pingTimer == null) {
                ctx.writeAndFlush(new DefaultHttp2PingFrame(System.nanoTime()));
                pingTimer = ctx.executor().schedule(() -> {
                    // Silent past the ping timeout: the connection is dead, fail its streams now.
                    ctx.close();
                }, transport.pingTimeoutMillis(), TimeUnit.MILLISECONDS);
            }
            return;
        }
        ReferenceCountUtil.release(evt);
    }

    private void cancelPingTimer() {
        if (pingTimer != null) {
            pingTimer.cancel(false);
            pingTimer = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        goingAway = true;
        cancelIdleTimer();
        cancelPingTimer();
        pool.forget(this);
        failReady(new java.io.IOException("upstream closed the connection before its HTTP/2 settings"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A connection error: the codec has sent GOAWAY; the streams fail as the channel closes.
        failReady(cause);
        ctx.close();
    }

    /** Handles streams the server opens (push is disabled in our SETTINGS, so a push is a protocol abuse). */
    @ChannelHandler.Sharable
    private static final class PushRefuser extends ChannelInboundHandlerAdapter {
        static final PushRefuser INSTANCE = new PushRefuser();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }
}

package dev.gatehouse.server.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.ssl.SniHandler;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Looks at a connection's first bytes and installs the matching protocol, so one port serves TLS, cleartext
 * HTTP/2 (prior knowledge) and HTTP/1, as Traefik's entry points do. A TLS record starts with 0x16; the HTTP/2
 * preface is 24 fixed bytes; anything else is HTTP/1.
 */
final class ProtocolDetector extends ByteToMessageDecoder {
    private static final byte TLS_HANDSHAKE = 0x16;
    private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();

    private final ListenerConfig cfg;
    private final ConnectionWatch watch;
    private ScheduledFuture<?> timeout;

    ProtocolDetector(ListenerConfig cfg, ConnectionWatch watch) {
        this.cfg = cfg;
        this.watch = watch;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (cfg.readTimeoutMs() > 0) {
            // A client that connects and says nothing is dropped once the read timeout passes.
            timeout = ctx.executor().schedule(() -> {
                ctx.close();
            }, cfg.readTimeoutMs(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        ChannelPipeline p = ctx.pipeline();
        byte first = in.getByte(in.readerIndex());
        if (first == TLS_HANDSHAKE && cfg.tls() != null) {
            watch.opened("https");
            p.addAfter(ctx.name(), "tls-sni", new SniHandler(new SniMapping(cfg.tls())));
            p.addAfter("tls-sni", "tls-alpn", new AlpnHandler(cfg, watch));
            p.remove(this);
            return;
        }
        int n = Math.min(in.readableBytes(), PREFACE.readableBytes());
        boolean prefaceSoFar = in.slice(in.readerIndex(), n).equals(PREFACE.slice(PREFACE.readerIndex(), n));
        if (prefaceSoFar && n < PREFACE.readableBytes()) {
            return;
        }
        watch.opened("http");
        if (prefaceSoFar) {
            Pipelines.http2(p, cfg, false);
        } else {
            Pipelines.http1(p, cfg, false);
        }
        watch.ready();
        p.remove(this);
    }
}

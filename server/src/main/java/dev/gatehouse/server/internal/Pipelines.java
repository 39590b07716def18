package dev.gatehouse.server.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** Installs the protocol handlers once a connection's protocol is known. */
final class Pipelines {
    /** Concurrent streams per HTTP/2 connection (Go's default, which Traefik keeps). */
    static final int MAX_CONCURRENT_STREAMS = 250;

    private Pipelines() {
    }

    /**
     * @param ch a connection (or an HTTP/2 stream, whose peer is its connection's)
     * @return the peer's IP as text, IPv6 compressed as Go writes it
     */
    static String peerIp(Channel ch) {
        return NetUtil.toAddressString(((InetSocketAddress) ch.remoteAddress()).getAddress());
    }

    /** HTTP/1.x: strict decoder, encoder, bridge. */
    static void http1(ChannelPipeline p, ListenerConfig cfg, boolean secure) {
        HttpBridge bridge = new HttpBridge(cfg, false, secure, null);
        p.addLast("h1-decoder", new StrictRequestDecoder(cfg.limits(), bridge));
        p.addLast("h1-encoder", new HttpResponseEncoder());
        p.addLast("h1-bridge", bridge);
    }

    /** HTTP/2: frame codec and multiplexer; every stream runs the HTTP object codec into its own bridge. */
    static void http2(ChannelPipeline p, ListenerConfig cfg, boolean secure) {
        if (cfg.idleTimeoutMs() > 0) {
            p.addLast("h2-idle", new IdleStateHandler(0, 0, cfg.idleTimeoutMs(), TimeUnit.MILLISECONDS));
        }
        Http2FrameCodec codec = Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings()
                        .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                        .maxHeaderListSize(cfg.limits().maxHeaderSize()))
                .validateHeaders(true)
                .gracefulShutdownTimeoutMillis(-1)
                .build();
        p.addLast("h2-codec", codec);
        String ip = peerIp(p.channel());
        p.addLast("h2-mux", new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel c) {
                c.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true, true));
                c.pipeline().addLast(new HttpBridge(cfg, true, secure, ip));
            }
        }));
        p.addLast("h2-conn", new Http2ConnectionWatch(codec));
    }
}

package dev.gatehouse.upstream;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/2 server for tests: h2c with prior knowledge, or TLS with ALPN (h2 and http/1.1). It reads a
 * whole request (head, body, trailers) and hands it to a responder; it counts connections and records resets.
 */
final class H2Backend implements AutoCloseable {
    /** A request as the server received it. */
    record Request(Http2Headers headers, byte[] body, Http2Headers trailers) {
        String path() {
            return headers.path().toString();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Answers one request on its stream. */
    interface Responder {
        void respond(ChannelHandlerContext stream, Request req);
    }

    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger http1Requests = new AtomicInteger();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final List<Long> resets = new CopyOnWriteArrayList<>();
    private final Channel server;
    private final boolean ackPings;

    /**
     * @param group      where the server runs
     * @param tls        true for TLS with ALPN, false for h2c
     * @param maxStreams the server's MAX_CONCURRENT_STREAMS
     * @param responder  what answers
     */
    H2Backend(EventLoopGroup group, boolean tls, long maxStreams, Responder responder) throws Exception {
        this(group, tls, maxStreams, true, responder);
    }

    /**
     * @param ackPings false for a server that never answers PING (a connection that went silent)
     */
    H2Backend(EventLoopGroup group, boolean tls, long maxStreams, boolean ackPings, Responder responder)
            throws Exception {
        this.ackPings = ackPings;
        SslContext ssl = tls ? serverTls() : null;
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.incrementAndGet();
                        if (ssl == null) {
                            http2(ch.pipeline(), maxStreams, responder);
                            return;
                        }
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc()), new ApplicationProtocolNegotiationHandler(
                                ApplicationProtocolNames.HTTP_1_1) {
                            @Override
                            protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                                if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                                    http2(ctx.pipeline(), maxStreams, responder);
                                } else {
                                    http1(ctx.pipeline());
                                }
                            }
                        });
                    }
                }).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    private static SslContext serverTls() throws Exception {
        SelfSignedCertificate cert = new SelfSignedCertificate("localhost");
        return SslContextBuilder.forServer(cert.certificate(), cert.privateKey())
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                .build();
    }

    private void http2(ChannelPipeline p, long maxStreams, Responder responder) {
        p.addLast(Http2FrameCodecBuilder.forServer().autoAckPingFrame(ackPings)
                .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(maxStreams)).build());
        p.addLast(new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel stream) {
                stream.pipeline().addLast(new StreamReader(responder));
            }
        }));
    }

    /** The HTTP/1.1 side of the TLS server: answers "http/1.1" so tests see which protocol was used. */
    private void http1(ChannelPipeline p) {
        p.addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                new SimpleChannelInboundHandler<FullHttpRequest>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                        http1Requests.incrementAndGet();
                        var resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                                Unpooled.copiedBuffer("http/1.1", StandardCharsets.UTF_8));
                        HttpUtil.setContentLength(resp, resp.content().readableBytes());
                        ctx.writeAndFlush(resp);
                    }
                });
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    String url(String scheme) {
        return scheme + "://127.0.0.1:" + port();
    }

    /** Echoes the body, reports what it saw in headers, and ends with trailers {@code grpc-status: 0}. */
    static void echo(ChannelHandlerContext stream, Request req) {
        Http2Headers h = new DefaultHttp2Headers().status("200")
                .set("x-authority", req.headers().authority())
                .set("x-scheme", req.headers().scheme())
                .set("x-path", req.headers().path())
                .set("x-te", String.valueOf(req.headers().get("te")))
                .set("x-body-bytes", String.valueOf(req.body().length));
        stream.write(new DefaultHttp2HeadersFrame(h));
        if (req.body().length > 0) {
            stream.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(req.body())));
        }
        Http2Headers trailers = new DefaultHttp2Headers().set("grpc-status", "0");
        if (req.trailers() != null && req.trailers().contains("x-checksum")) {
            trailers.set("x-request-checksum", req.trailers().get("x-checksum"));
        }
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(trailers, true));
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
    }

    /** Collects one request on a stream, then answers it. */
    private final class StreamReader extends ChannelInboundHandlerAdapter {
        private final Responder responder;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private Http2Headers headers;

        StreamReader(Responder responder) {
            this.responder = responder;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof Http2StreamFrame)) {
                io.netty.util.ReferenceCountUtil.release(msg);
                return;
            }
            boolean end = false;
            Http2Headers trailers = null;
            if (msg instanceof Http2HeadersFrame hf) {
                if (headers == null) {
                    headers = hf.headers();
                } else {
                    trailers = hf.headers();
                }
                end = hf.isEndStream();
            } else if (msg instanceof Http2DataFrame df) {
                ByteBuf c = df.content();
                byte[] b = new byte[c.readableBytes()];
                c.readBytes(b);
                body.writeBytes(b);
                end = df.isEndStream();
                df.release();
            }
            if (end) {
                Request r = new Request(headers, body.toByteArray(), trailers);
                requests.add(r);
                responder.respond(ctx, r);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof Http2ResetFrame rst) {
                resets.add(rst.errorCode());
            }
            ctx.fireUserEventTriggered(evt);
        }
    }
}

package dev.gatehouse.upstream.internal;

import dev.gatehouse.config.dynamic.HealthCheckSpec;
import dev.gatehouse.core.net.HostResolver;
import dev.gatehouse.core.spi.InvalidSpecException;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Active health checks for one service's servers, on one event loop with Netty timers: each server is probed
 * every {@code interval} ({@code unhealthyInterval} while it is down) over a fresh connection; a probe that
 * times out, fails to connect or answers an unexpected status marks the server down. {@code h2c} servers are
 * probed over HTTP/2 with prior knowledge, others over HTTP/1.1. Redirects are not
 * followed: with no {@code status} set, any 2xx or 3xx is healthy.
 */
public final class HealthChecker implements AutoCloseable {
    /** One probed server. */
    public record Target(ServerEndpoint endpoint, ServerHealth health) {
    }

    private final HealthCheckSpec spec;
    private final List<Target> targets;
    private final TransportConfig transport;
    private final EventLoop loop;
    private final long intervalMillis;
    private final long unhealthyMillis;
    private final long timeoutMillis;
    private final HttpMethod method;
    private final ScheduledFuture<?>[] timers;
    private boolean started;
    private volatile boolean closed;

    /**
     * @param spec      the health check spec
     * @param targets   the servers
     * @param transport the transport (TLS settings for https probes)
     * @param group     the worker group; the checker takes one loop of it
     */
    public HealthChecker(HealthCheckSpec spec, List<Target> targets, TransportConfig transport, EventLoopGroup group) {
        this.spec = spec;
        this.targets = targets;
        this.transport = transport;
        this.loop = group.next();
        this.intervalMillis = positive(spec.interval(), Duration.ofSeconds(30), "healthCheck.interval");
        this.unhealthyMillis = positive(spec.unhealthyInterval(), Duration.ofMillis(intervalMillis),
                "healthCheck.unhealthyInterval");
        this.timeoutMillis = positive(spec.timeout(), Duration.ofSeconds(5), "healthCheck.timeout");
        this.method = HttpMethod.valueOf(spec.method() == null ? "GET" : spec.method().toUpperCase(Locale.ROOT));
        if (spec.mode() != null && !spec.mode().equalsIgnoreCase("http")) {
            throw new InvalidSpecException("healthCheck.mode", "only http is supported, got \"" + spec.mode() + "\"");
        }
        if (spec.path() == null || spec.path().isEmpty()) {
            throw new InvalidSpecException("healthCheck.path", "a path is required");
        }
        this.timers = new ScheduledFuture<?>[targets.size()];
    }

    private static long positive(Duration d, Duration dflt, String key) {
        Duration v = d == null ? dflt : d;
        if (v.isNegative() || v.isZero()) {
            throw new InvalidSpecException(key, "must be positive, got " + v);
        }
        return v.toMillis();
    }

    /** Starts probing (first probe at once). Idempotent. */
    public void start() {
        loop.execute(() -> {
            if (started || closed) {
                return;
            }
            started = true;
            for (int i = 0; i < targets.size(); i++) {
                probe(i);
            }
        });
    }

    private void probe(int i) {
        if (closed) {
            return;
        }
        Target t = targets.get(i);
        check(t.endpoint(), status -> {
            boolean ok = status > 0 && (spec.status() != null ? status == spec.status() : status >= 200 && status < 400);
            t.health().activeUp(ok);
            if (!closed) {
                timers[i] = loop.schedule(() -> probe(i), ok ? intervalMillis : unhealthyMillis, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Sends one probe; reports the status, or 0 on any failure. Exactly one report per probe. */
    private void check(ServerEndpoint ep, IntConsumer report) {
        String scheme = spec.scheme() != null ? spec.scheme().toLowerCase(Locale.ROOT) : ep.scheme();
        boolean tls = scheme.equals("https");
        boolean h2c = scheme.equals("h2c");
        int port = spec.port() != null && spec.port() > 0 ? spec.port() : ep.port();
        int[] done = {0};
        IntConsumer once = s -> {
            if (done[0]++ == 0) {
                report.accept(s);
            }
        };
        HostResolver.resolve(ep.host(), port).whenComplete((addr, err) -> loop.execute(() -> {
            if (err != null) {
                once.accept(0);
                return;
            }
            Bootstrap b = new Bootstrap().group(loop).channel(ChannelTypes.socketChannel(loop))
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (tls) {
                                String sni = transport.serverName() != null ? transport.serverName() : ep.host();
                                SslHandler h = transport.tls().newHandler(ch.alloc(), sni, port);
                                ch.pipeline().addLast(h);
                            }
                            if (h2c) {
                                ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(),
                                        new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                            } else {
                                ch.pipeline().addLast(new HttpClientCodec(), probeHandler(once));
                            }
                        }
                    });
            b.connect(addr).addListener(f -> {
                if (!f.isSuccess()) {
                    once.accept(0);
                    return;
                }
                Channel ch = ((io.netty.channel.ChannelFuture) f).channel();
                ScheduledFuture<?> timeout = loop.schedule(() -> {
                    once.accept(0);
                    ch.close();
                }, timeoutMillis, TimeUnit.MILLISECONDS);
                ch.closeFuture().addListener(c -> timeout.cancel(false));
                if (!h2c) {
                    ch.writeAndFlush(request(ep, port));
                    return;
                }
                // h2c servers speak only HTTP/2: the probe is one stream of a connection of its own.
                new Http2StreamChannelBootstrap(ch).handler(new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel stream) {
                        stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false), probeHandler(once));
                    }
                }).open().addListener(s -> {
                    if (s.isSuccess()) {
                        ((Http2StreamChannel) s.getNow()).writeAndFlush(request(ep, port));
                    } else {
                        once.accept(0);
                        ch.close();
                    }
                });
            });
        }));
    }

    /** Reports the first final status and closes the probe's connection. */
    private static SimpleChannelInboundHandler<HttpObject> probeHandler(IntConsumer once) {
        return new SimpleChannelInboundHandler<HttpObject>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
                if (msg instanceof HttpResponse r && r.status().code() >= 200) {
                    once.accept(r.status().code());
                    connection(ctx).close();
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                once.accept(0);
                connection(ctx).close();
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                once.accept(0);
                connection(ctx).close();
            }
        };
    }

    private static Channel connection(ChannelHandlerContext ctx) {
        Channel c = ctx.channel();
        return c instanceof Http2StreamChannel s ? s.parent() : c;
    }

    private DefaultFullHttpRequest request(ServerEndpoint ep, int port) {
        String path = ep.targetPath(spec.path(), true);
        DefaultFullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, path);
        String host = spec.hostname() != null && !spec.hostname().isEmpty() ? spec.hostname()
                : spec.port() != null && spec.port() > 0 ? hostPort(ep.host(), port) : ep.authority();
        r.headers().set(HttpHeaderNames.HOST, host);
        r.headers().set(HttpHeaderNames.USER_AGENT, "Gatehouse health check");
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (spec.headers() != null) {
            for (Map.Entry<String, String> e : spec.headers().entrySet()) {
                r.headers().set(e.getKey(), e.getValue());
            }
        }
        return r;
    }

    private static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public void close() {
        closed = true;
        loop.execute(() -> {
            for (ScheduledFuture<?> t : timers) {
                if (t != null) {
                    t.cancel(false);
                }
            }
        });
    }
}

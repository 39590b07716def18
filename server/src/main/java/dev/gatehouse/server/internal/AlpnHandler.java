package dev.gatehouse.server.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/** After the TLS handshake, installs HTTP/2 when ALPN chose {@code h2}, HTTP/1.1 otherwise. */
final class AlpnHandler extends ApplicationProtocolNegotiationHandler {
    private static final Logger LOG = Logger.getLogger(AlpnHandler.class.getName());
    private final ListenerConfig cfg;
    private final ConnectionWatch watch;

    AlpnHandler(ListenerConfig cfg, ConnectionWatch watch) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.cfg = cfg;
        this.watch = watch;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
            Pipelines.http2(ctx.pipeline(), cfg, true);
        } else {
            Pipelines.http1(ctx.pipeline(), cfg, true);
        }
        watch.ready();
    }

    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.FINE, "TLS handshake failed on " + cfg.name(), cause);
        ctx.close();
    }
}

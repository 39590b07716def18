package dev.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.dynamic.CertificateSpec;
import dev.gatehouse.config.dynamic.LoadBalancerSpec;
import dev.gatehouse.config.dynamic.ServerSpec;
import dev.gatehouse.config.dynamic.ServersTransportSpec;
import dev.gatehouse.config.dynamic.ServiceSpec;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
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
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {
    private final Harness h = new Harness();
    private Channel server;

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        h.close();
    }

    /** Starts an HTTPS backend that answers with the client certificate's subject, or "anonymous". */
    private String startServer(SelfSignedCertificate cert, SelfSignedCertificate trustedClient) throws Exception {
        SslContextBuilder b = SslContextBuilder.forServer(cert.certificate(), cert.privateKey());
        if (trustedClient != null) {
            b.trustManager(trustedClient.cert()).clientAuth(ClientAuth.REQUIRE);
        }
        SslContext ssl = b.build();
        server = new ServerBootstrap().group(h.group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc()), new HttpServerCodec(),
                                new HttpObjectAggregator(65536), new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req)
                                            throws Exception {
                                        SslHandler s = ctx.pipeline().get(SslHandler.class);
                                        String who = trustedClient == null ? "anonymous"
                                                : s.engine().getSession().getPeerPrincipal().getName();
                                        var resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                                HttpResponseStatus.OK,
                                                Unpooled.copiedBuffer(who, StandardCharsets.UTF_8));
                                        HttpUtil.setContentLength(resp, resp.content().readableBytes());
                                        ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
                                    }
                                });
                    }
                }).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        return "https://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
    }

    private ServiceSet build(String url, ServersTransportSpec t) {
        ServiceSpec s = new ServiceSpec(new LoadBalancerSpec(List.of(new ServerSpec(url, null, null)), null, null,
                null, null, null, "t@file", null), null, null, null);
        return h.build(Map.of("s@file", s), Map.of("t@file", t));
    }

    private Path write(String name, java.security.cert.X509Certificate c) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        return p;
    }

    @Test
    void insecureSkipVerifyAcceptsASelfSignedServer() throws Exception {
        SelfSignedCertificate cert = new SelfSignedCertificate("localhost");
        String url = startServer(cert, null);
        ServiceSet set = build(url, new ServersTransportSpec(null, true, null, null, null, null, null));
        assertThat(h.fetch(set.handler("s@file"), Harness.get("/")).text()).isEqualTo("anonymous");
    }

    @Test
    void verificationFailsWithoutTrustAndSucceedsWithRootCas() throws Exception {
        SelfSignedCertificate cert = new SelfSignedCertificate("localhost");
        String url = startServer(cert, null);
        ServiceSet untrusted = build(url, new ServersTransportSpec("localhost", null, null, null, null, null, null));
        assertThat(h.fetch(untrusted.handler("s@file"), Harness.get("/")).status).isEqualTo(502);
        Path ca = write("ca.pem", cert.cert());
        ServiceSet trusted = build(url, new ServersTransportSpec("localhost", null, List.of(ca.toString()), null,
                null, null, null));
        assertThat(h.fetch(trusted.handler("s@file"), Harness.get("/")).text()).isEqualTo("anonymous");
        // The certificate names localhost, not 127.0.0.1: without serverName, hostname verification fails.
        ServiceSet wrongName = build(url, new ServersTransportSpec(null, null, List.of(ca.toString()), null,
                null, null, null));
        assertThat(h.fetch(wrongName.handler("s@file"), Harness.get("/")).status).isEqualTo(502);
    }

    @Test
    void presentsAClientCertificateForMutualTls() throws Exception {
        SelfSignedCertificate cert = new SelfSignedCertificate("localhost");
        SelfSignedCertificate client = new SelfSignedCertificate("gatehouse-client");
        String url = startServer(cert, client);
        ServiceSet none = build(url, new ServersTransportSpec(null, true, null, null, null, null, null));
        assertThat(h.fetch(none.handler("s@file"), Harness.get("/")).status).isEqualTo(502);
        Path certFile = write("client.pem", client.cert());
        ServiceSet mtls = build(url, new ServersTransportSpec(null, true, null,
                List.of(new CertificateSpec(certFile.toString(), client.privateKey().getPath(), null)), null, null,
                null));
        assertThat(h.fetch(mtls.handler("s@file"), Harness.get("/")).text()).contains("CN=gatehouse-client");
    }
}

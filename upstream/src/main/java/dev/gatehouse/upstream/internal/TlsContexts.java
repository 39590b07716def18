package dev.gatehouse.upstream.internal;

import dev.gatehouse.config.dynamic.CertificateSpec;
import dev.gatehouse.config.dynamic.ServersTransportSpec;
import dev.gatehouse.core.spi.InvalidSpecException;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Builds client TLS contexts for servers transports: OpenSSL (BoringSSL) when available, the JDK otherwise. */
final class TlsContexts {
    private TlsContexts() {
    }

    /** ALPN offer of an HTTP/2-capable transport: h2 first, HTTP/1.1 when the server declines. */
    private static final ApplicationProtocolConfig H2_THEN_HTTP1 = new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN,
            // Both providers support these two behaviours; a server without ALPN means HTTP/1.1.
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1);

    /**
     * A client context.
     *
     * @param s       the transport
     * @param baseDir where relative files are resolved
     * @param alpnH2  offer {@code h2} then {@code http/1.1} by ALPN; without it no ALPN is sent, so the server
     *                speaks HTTP/1.1 (what upgrades and health checks need)
     * @return the context
     */
    static SslContext client(ServersTransportSpec s, Path baseDir, boolean alpnH2) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient()
                    .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                    .applicationProtocolConfig(alpnH2 ? H2_THEN_HTTP1 : ApplicationProtocolConfig.DISABLED);
            if (Boolean.TRUE.equals(s.insecureSkipVerify())) {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE);
            } else if (s.rootCAs() != null && !s.rootCAs().isEmpty()) {
                b.trustManager(trustWithExtraRoots(s.rootCAs(), baseDir));
            }
            List<CertificateSpec> certs = s.certificates();
            if (certs != null && !certs.isEmpty()) {
                CertificateSpec c = certs.getFirst();
                if (c.certFile() == null || c.keyFile() == null) {
                    throw new InvalidSpecException("certificates[0]", "certFile and keyFile are both required");
                }
                try (InputStream cert = pem(c.certFile(), baseDir, "certificates[0].certFile");
                     InputStream key = pem(c.keyFile(), baseDir, "certificates[0].keyFile")) {
                    b.keyManager(cert, key);
                }
            }
            return b.build();
        } catch (InvalidSpecException e) {
            throw e;
        } catch (Exception e) {
            throw new InvalidSpecException("", "cannot build the TLS client context: " + e.getMessage());
        }
    }

    /** The system's trusted CAs plus the given PEM files, as Traefik's rootCAs adds to the system pool. */
    private static TrustManagerFactory trustWithExtraRoots(List<String> roots, Path baseDir) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        system.init((KeyStore) null);
        int n = 0;
        for (TrustManager tm : system.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                for (X509Certificate c : x.getAcceptedIssuers()) {
                    ks.setCertificateEntry("system-" + n++, c);
                }
            }
        }
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        for (int i = 0; i < roots.size(); i++) {
            try (InputStream in = pem(roots.get(i), baseDir, "rootCAs[" + i + "]")) {
                for (var c : cf.generateCertificates(in)) {
                    ks.setCertificateEntry("root-" + n++, c);
                }
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf;
    }

    /** A PEM value: inline text (Traefik accepts it in file fields) or a file resolved against baseDir. */
    private static InputStream pem(String value, Path baseDir, String key) {
        if (value.contains("-----BEGIN")) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.US_ASCII));
        }
        Path p = baseDir == null ? Path.of(value) : baseDir.resolve(value);
        try {
            return new ByteArrayInputStream(Files.readAllBytes(p));
        } catch (IOException e) {
            throw new InvalidSpecException(key, "cannot read " + p + ": " + e.getMessage());
        }
    }
}

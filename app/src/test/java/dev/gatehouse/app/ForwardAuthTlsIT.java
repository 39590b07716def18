package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: forwardAuth's {@code tls} block against an HTTPS authentication server that requires a client certificate. */
class ForwardAuthTlsIT {
    @TempDir
    static Path dir;
    static Backends backends;
    static HttpsServer authServer;
    static ExecutorService authThreads;
    static final AtomicInteger AUTH_CALLS = new AtomicInteger();
    static Gateway gateway;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        backends = new Backends();
        Backends.Backend backend = backends.whoami("app");
        TestCertificates.Pem server = TestCertificates.selfSigned(dir, "localhost");
        TestCertificates.Pem client = TestCertificates.selfSigned(dir, "gateway-client");
        authServer = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        SSLContext ssl = serverContext(server, client);
        authServer.setHttpsConfigurator(new HttpsConfigurator(ssl) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = ssl.getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        authThreads = Executors.newFixedThreadPool(2);
        authServer.setExecutor(authThreads);
        authServer.createContext("/verify", ex -> {
            try (ex) {
                AUTH_CALLS.incrementAndGet();
                ex.getResponseHeaders().set("X-Auth-User", "tls-user");
                ex.sendResponseHeaders(200, -1);
            }
        });
        authServer.start();
        int authPort = authServer.getAddress().getPort();
        String routes = """
                http:
                  routers:
                    mtls:
                      rule: "PathPrefix(`/mtls`)"
                      middlewares: [mtls]
                      service: app
                    inline:
                      rule: "PathPrefix(`/inline`)"
                      middlewares: [inline]
                      service: app
                    no-client-cert:
                      rule: "PathPrefix(`/nocert`)"
                      middlewares: [no-client-cert]
                      service: app
                    untrusted:
                      rule: "PathPrefix(`/untrusted`)"
                      middlewares: [untrusted]
                      service: app
                    insecure:
                      rule: "PathPrefix(`/insecure`)"
                      middlewares: [insecure]
                      service: app
                  middlewares:
                    mtls:
                      forwardAuth:
                        address: "https://localhost:%1$d/verify"
                        authResponseHeaders: [X-Auth-User]
                        tls: {ca: "%2$s", cert: "%3$s", key: "%4$s"}
                    inline:
                      forwardAuth:
                        address: "https://localhost:%1$d/verify"
                        tls:
                          ca: |
                %5$s
                          cert: "%3$s"
                          key: "%4$s"
                    no-client-cert:
                      forwardAuth:
                        address: "https://localhost:%1$d/verify"
                        tls: {ca: "%2$s"}
                    untrusted:
                      forwardAuth:
                        address: "https://localhost:%1$d/verify"
                        tls: {cert: "%3$s", key: "%4$s"}
                    insecure:
                      forwardAuth:
                        address: "https://127.0.0.1:%1$d/verify"
                        tls: {insecureSkipVerify: true, cert: "%3$s", key: "%4$s"}
                  services:
                    app:
                      loadBalancer:
                        servers: [{url: "%6$s"}]
                """.formatted(authPort, server.certFile().getFileName(), client.certFile().getFileName(),
                client.keyFile().getFileName(), Files.readString(server.certFile()).strip().indent(12).stripTrailing(),
                backend.url());
        gateway = TestGateway.start(dir, TestGateway.install(), routes);
        port = gateway.port("web");
        assertThat(gateway.lastErrors()).isEmpty();
    }

    static SSLContext serverContext(TestCertificates.Pem server, TestCertificates.Pem client) throws Exception {
        String pem = Files.readString(server.keyFile(), StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", key, new char[0], new Certificate[] {server.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("client", client.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    @AfterAll
    static void stop() {
        TestGateway.closeAll(gateway, backends);
        if (authServer != null) {
            authServer.stop(0);
            authThreads.shutdownNow();
        }
    }

    private static int status(String path) {
        return Http.get("http://127.0.0.1:" + port + path).statusCode();
    }

    @Test
    void caAndClientCertificateFromFilesOrInlinePem() {
        var r = Http.get("http://127.0.0.1:" + port + "/mtls/x");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Http.seen(Http.json(r.body()), "X-Auth-User")).isEqualTo("tls-user");
        assertThat(status("/inline/x")).isEqualTo(200);
    }

    @Test
    void handshakeFailuresAnswer500WithoutReachingTheServer() {
        int before = AUTH_CALLS.get();
        assertThat(status("/nocert/x")).as("server requires a client certificate").isEqualTo(500);
        assertThat(status("/untrusted/x")).as("server certificate not in the system roots").isEqualTo(500);
        assertThat(AUTH_CALLS.get()).isEqualTo(before);
    }

    @Test
    void insecureSkipVerifyAcceptsAnyCertificateAndHostName() {
        assertThat(status("/insecure/x")).isEqualTo(200);
    }
}

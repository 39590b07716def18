package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: HTTP/2 (h2c and TLS), SNI certificates, SSE streaming, big bodies, WebSocket, protocol errors. */
class ProtocolsIT {
    private static final int TEN_MB = 10 * 1024 * 1024;
    private static final byte[] DOWNLOAD = new byte[TEN_MB];

    @TempDir
    static Path dir;
    static Backends backends;
    static Backends.Backend h2;
    static Backends.Backend secure;
    static Backends.Backend plain;
    static Backends.Backend victim;
    static HttpServer jdk;
    static ExecutorService jdkThreads;
    static WebSocketEchoServer ws;
    static TestCertificates.Pem cert;
    static volatile CountDownLatch firstEventRead;
    static Gateway gateway;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        new Random(42).nextBytes(DOWNLOAD);
        backends = new Backends();
        h2 = backends.whoami("h2");
        secure = backends.whoami("secure");
        plain = backends.whoami("plain");
        victim = backends.whoami("victim");
        ws = new WebSocketEchoServer("/ws");
        jdkThreads = Executors.newVirtualThreadPerTaskExecutor();
        jdk = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        jdk.setExecutor(jdkThreads);
        jdk.createContext("/events", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream os = ex.getResponseBody()) {
                os.write("data: event-1\n\n".getBytes(StandardCharsets.UTF_8));
                os.flush();
                boolean read = firstEventRead.await(10, TimeUnit.SECONDS);
                os.write(("data: event-2 " + (read ? "after-1-was-read" : "timeout") + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        jdk.createContext("/upload", ex -> {
            MessageDigest sha = sha256();
            long n = 0;
            try (InputStream in = ex.getRequestBody()) {
                byte[] buf = new byte[64 * 1024];
                for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
                    sha.update(buf, 0, r);
                    n += r;
                }
            }
            byte[] answer = (n + " " + HexFormat.of().formatHex(sha.digest())).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, answer.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(answer);
            }
        });
        jdk.createContext("/download", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
            ex.sendResponseHeaders(200, DOWNLOAD.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(DOWNLOAD);
            }
        });
        jdk.start();
        cert = TestCertificates.selfSigned(dir, "example.test");
        String jdkUrl = "http://127.0.0.1:" + jdk.getAddress().getPort();
        String routes = """
                http:
                  routers:
                    h2c:
                      rule: "PathPrefix(`/h2c`)"
                      service: h2
                    secure:
                      rule: "Host(`example.test`)"
                      tls: {}
                      service: secure
                    plain:
                      rule: "Host(`plain.test`)"
                      service: plain
                    victim:
                      rule: "PathPrefix(`/victim`)"
                      service: victim
                    jdk:
                      rule: "PathPrefix(`/events`) || PathPrefix(`/upload`) || PathPrefix(`/download`)"
                      service: jdk
                    ws:
                      rule: "PathPrefix(`/ws`)"
                      service: ws
                  services:
                    h2:
                      loadBalancer:
                        servers: [{url: "%s"}]
                    secure:
                      loadBalancer:
                        servers: [{url: "%s"}]
                    plain:
                      loadBalancer:
                        servers: [{url: "%s"}]
                    victim:
                      loadBalancer:
                        servers: [{url: "%s"}]
                    jdk:
                      loadBalancer:
                        servers: [{url: "%s"}]
                    ws:
                      loadBalancer:
                        servers: [{url: "http://127.0.0.1:%d"}]
                tls:
                  certificates:
                    - certFile: "%s"
                      keyFile: "%s"
                """.formatted(h2.url(), secure.url(), plain.url(), victim.url(), jdkUrl, ws.port(),
                cert.certFile(), cert.keyFile());
        gateway = TestGateway.start(dir, TestGateway.install(), routes);
        port = gateway.port("web");
        assertThat(gateway.lastErrors()).isEmpty();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (jdk != null) {
            jdk.stop(0);
            jdkThreads.shutdownNow();
        }
        TestGateway.closeAll(ws, backends);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String statusLine(Http.Curl c) {
        assertThat(c.exit()).as("curl exit, stderr: %s", c.err()).isZero();
        return c.out().lines().findFirst().orElse("").trim();
    }

    @Test
    void http2CleartextWithPriorKnowledge() {
        Http.Curl c = Http.curl("-s", "--http2-prior-knowledge", "-D", "-", "-o", "/dev/null",
                "http://127.0.0.1:" + port + "/h2c");
        assertThat(statusLine(c)).isEqualTo("HTTP/2 200");
    }

    @Test
    void tlsServesTheConfiguredCertificateOverHttp2() throws Exception {
        String resolve = "example.test:" + port + ":127.0.0.1";
        Http.Curl c = Http.curl("-s", "-k", "--http2", "--resolve", resolve, "-D", "-",
                "https://example.test:" + port + "/");
        assertThat(statusLine(c)).isEqualTo("HTTP/2 200");
        assertThat(c.out()).contains("\"instance\" : \"secure\"");

        X509Certificate served = servedCertificate("example.test");
        assertThat(served.getSubjectX500Principal()).isEqualTo(cert.certificate().getSubjectX500Principal());
        assertThat(served.getSubjectX500Principal().getName()).contains("CN=example.test");
        assertThat(served).isEqualTo(cert.certificate());
    }

    @Test
    void aRouterWithoutTlsIsNotReachableOverTlsAndATlsRouterNotOverPlainHttp() {
        Http.Curl overTls = Http.curl("-s", "-k", "--resolve", "plain.test:" + port + ":127.0.0.1",
                "-o", "/dev/null", "-w", "%{http_code}", "https://plain.test:" + port + "/");
        assertThat(overTls.out()).isEqualTo("404");
        Http.RawResponse overHttp = Http.raw(port, "GET / HTTP/1.1\r\nHost: plain.test\r\nConnection: close\r\n\r\n");
        assertThat(overHttp.status()).isEqualTo(200);
        assertThat(overHttp.body()).contains("\"instance\" : \"plain\"");
        Http.RawResponse secureOverHttp =
                Http.raw(port, "GET / HTTP/1.1\r\nHost: example.test\r\nConnection: close\r\n\r\n");
        assertThat(secureOverHttp.status()).isEqualTo(404);
    }

    private static X509Certificate servedCertificate(String sni) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            SSLParameters p = s.getSSLParameters();
            p.setServerNames(List.of(new SNIHostName(sni)));
            s.setSSLParameters(p);
            s.startHandshake();
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
    }

    @Test
    void serverSentEventsStreamThroughBeforeTheBackendIsDone() throws Exception {
        firstEventRead = new CountDownLatch(1);
        HttpClient client = Http.client();
        HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events"))
                .header("Accept", "text/event-stream").timeout(Http.TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String first = reader.submit(() -> nextData(in)).get(5, TimeUnit.SECONDS);
            assertThat(first).as("event 1 arrives while the backend still holds the stream").isEqualTo("event-1");
            firstEventRead.countDown();
            String second = reader.submit(() -> nextData(in)).get(15, TimeUnit.SECONDS);
            assertThat(second).isEqualTo("event-2 after-1-was-read");
        } finally {
            reader.shutdownNow();
            client.close();
        }
    }

    private static String nextData(BufferedReader in) throws java.io.IOException {
        for (int i = 0; i < 100; i++) {
            String line = in.readLine();
            if (line == null) {
                return null;
            }
            if (line.startsWith("data: ")) {
                return line.substring(6);
            }
        }
        return null;
    }

    @Test
    void tenMegabyteBodiesPassIntactBothWays() throws Exception {
        byte[] upload = new byte[TEN_MB];
        new Random(7).nextBytes(upload);
        HttpClient client = Http.client();
        try {
            HttpResponse<String> up = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/upload"))
                    .timeout(java.time.Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(upload)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(up.body()).isEqualTo(TEN_MB + " " + HexFormat.of().formatHex(sha256().digest(upload)));

            HttpResponse<byte[]> down = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/download"))
                    .timeout(java.time.Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(down.statusCode()).isEqualTo(200);
            assertThat(down.body()).hasSize(TEN_MB);
            assertThat(HexFormat.of().formatHex(sha256().digest(down.body())))
                    .isEqualTo(HexFormat.of().formatHex(sha256().digest(DOWNLOAD)));
        } finally {
            client.close();
        }
    }

    @Test
    void curlOpensAWebSocketThroughTheGatewayAndGetsTheServersFirstFrame() throws Exception {
        // Debian's curl has no ws:// scheme, so it sends the RFC 6455 handshake itself; the key and its accept
        // value are the RFC's own example (section 1.3). What follows the 101 is the tunnel's raw bytes.
        java.nio.file.Path frames = java.nio.file.Files.createTempFile("ws", ".bin");
        try {
            Http.Curl c = Http.curl("-s", "-N", "--http1.1", "--max-time", "3", "-D", "-", "-o", frames.toString(),
                    "-H", "Connection: Upgrade", "-H", "Upgrade: websocket", "-H", "Sec-WebSocket-Version: 13",
                    "-H", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "http://127.0.0.1:" + port + "/ws");
            assertThat(c.out()).as("curl stderr: %s", c.err()).startsWith("HTTP/1.1 101");
            assertThat(c.out().toLowerCase(java.util.Locale.ROOT))
                    .contains("sec-websocket-accept: s3pplmbitxaq9kygzzhzrbk+xoo=")
                    .contains("upgrade: websocket");
            String tunnel = new String(java.nio.file.Files.readAllBytes(frames),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            // An unmasked text frame from the server: FIN + text opcode, then the payload's length and bytes.
            assertThat(tunnel).as("the server's first frame, through the tunnel").isEqualTo("\u0081\u0007welcome");
        } finally {
            java.nio.file.Files.deleteIfExists(frames);
        }
    }

    @Test
    void webSocketMessagesEchoBothWays() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        StringBuilder partial = new StringBuilder();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    received.add(partial.toString());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                byte[] b = new byte[data.remaining()];
                data.get(b);
                received.add("binary:" + HexFormat.of().formatHex(b));
                webSocket.request(1);
                return null;
            }
        };
        HttpClient client = Http.client();
        WebSocket socket = client.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), listener).get(10, TimeUnit.SECONDS);
        try {
            assertThat(received.poll(5, TimeUnit.SECONDS)).as("pushed by the server").isEqualTo("welcome");
            for (String m : List.of("hello", "through", "the gateway")) {
                socket.sendText(m, true).get(5, TimeUnit.SECONDS);
                assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo: " + m);
            }
            socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3, (byte) 0xff}), true).get(5, TimeUnit.SECONDS);
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("binary:010203ff");
        } finally {
            CompletableFuture<WebSocket> closing = socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            closing.get(5, TimeUnit.SECONDS);
            client.close();
        }
    }

    @Test
    void oversizedHeadersAre431AndNeverReachTheBackend() throws Exception {
        // 140 headers of 8 KiB: over the 1 MiB header limit
        StringBuilder head = new StringBuilder("GET /victim HTTP/1.1\r\nHost: x\r\n");
        String value = "a".repeat(8 * 1024);
        for (int i = 0; i < 140; i++) {
            head.append("X-Big-").append(i).append(": ").append(value).append("\r\n");
        }
        assertOversizedHeadIsRefused(head.append("\r\n").toString(), 8000);
    }

    @Test
    void oneOversizedHeaderLineIsRefusedQuickly() throws Exception {
        String big = "a".repeat(600 * 1024);
        assertOversizedHeadIsRefused("GET /victim HTTP/1.1\r\nHost: x\r\nX-Big-1: " + big + "\r\nX-Big-2: " + big
                + "\r\n\r\n", 2000);
    }

    private static void assertOversizedHeadIsRefused(String request, long withinMillis) throws Exception {
        int before = victim.requests.get();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(15_000);
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                } catch (java.io.IOException ignored) {
                    // the gateway may stop reading once it has answered
                }
            });
            long t0 = System.nanoTime();
            Http.RawResponse r = Http.readResponse(s.getInputStream());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.status()).isEqualTo(431);
            assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(ms).as("ms until the 431").isLessThan(withinMillis);
            s.close();
            writer.join(java.time.Duration.ofSeconds(5));
        }
        assertThat(victim.requests.get()).isEqualTo(before);
    }

    @Test
    void aRequestWithBothContentLengthAndChunkedIs400AndNeverReachesTheBackend() {
        int before = victim.requests.get();
        Http.RawResponse r = Http.raw(port,
                "GET /victim HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n");
        assertThat(r.status()).isEqualTo(400);
        assertThat(victim.requests.get()).as("the backend saw nothing").isEqualTo(before);
        // and the same route does reach the backend when the request is well-formed
        Http.RawResponse ok = Http.raw(port, "GET /victim HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(victim.requests.get()).isEqualTo(before + 1);
    }
}

package dev.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Flow;
import dev.gatehouse.core.StreamBody;
import dev.gatehouse.testing.Eventually;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpMethod;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpgradeTest {
    private final Harness h = new Harness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void tunnelsRawBytesBothWaysAfterA101() throws Exception {
        AtomicReference<String> requestHead = new AtomicReference<>();
        try (ServerSocket ss = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread upstream = Thread.ofVirtual().start(() -> {
                try (Socket s = ss.accept()) {
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    ByteArrayOutputStream head = new ByteArrayOutputStream();
                    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                        head.write(in.read());
                    }
                    requestHead.set(head.toString(StandardCharsets.US_ASCII));
                    // The 101 and the first raw bytes go in one write, so they share a TCP segment.
                    out.write(("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: echo\r\n"
                            + "X-Up: 1\r\n\r\nhello").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    byte[] buf = new byte[256];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        out.write(new String(buf, 0, n, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT)
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    // The client half-closed: answer once more, then close.
                    out.write("bye".getBytes(StandardCharsets.US_ASCII));
                } catch (Exception ignored) {
                    // The test asserts on the proxy side.
                }
            });
            ServiceSet set = h.build(Map.of("ws@file", Harness.lb("http://127.0.0.1:" + ss.getLocalPort())), Map.of());
            StreamBody clientBytes = new StreamBody(Flow.NONE, -1);
            var req = Harness.request(HttpMethod.GET, "/ws", clientBytes);
            req.headers().set("Connection", "keep-alive, Upgrade");
            req.headers().set("Upgrade", "echo");
            Harness.Result r = h.call(set.handler("ws@file"), req);
            Eventually.await(Duration.ofSeconds(5), "101 and greeting", () -> r.text().equals("hello"));
            assertThat(r.status).isEqualTo(101);
            assertThat(r.headers.get("Upgrade")).isEqualTo("echo");
            assertThat(r.headers.get("Connection")).isEqualToIgnoringCase("upgrade");
            assertThat(r.headers.get("X-Up")).isEqualTo("1");
            assertThat(requestHead.get()).containsIgnoringCase("upgrade: echo").containsIgnoringCase("connection: upgrade");
            h.loop.execute(() -> clientBytes.push(Unpooled.copiedBuffer("ping", StandardCharsets.US_ASCII)));
            Eventually.await(Duration.ofSeconds(5), "echo", () -> r.text().equals("helloPING"));
            h.loop.execute(() -> clientBytes.end(null));
            h.await(r);
            upstream.join(5000);
            assertThat(r.text()).isEqualTo("helloPINGbye");
            assertThat(r.error).isNull();
        }
    }

    @Test
    void anUpgradeTheUpstreamRefusesIsAnOrdinaryResponse() {
        try (Backend b = Backend.named("plain")) {
            ServiceSet set = h.build(Map.of("ws@file", Harness.lb(b.url())), Map.of());
            StreamBody clientBytes = new StreamBody(Flow.NONE, -1);
            var req = Harness.request(HttpMethod.GET, "/ws", clientBytes);
            req.headers().set("Connection", "Upgrade");
            req.headers().set("Upgrade", "websocket");
            Harness.Result r = h.fetch(set.handler("ws@file"), req);
            assertThat(r.status).isEqualTo(200);
            assertThat(r.text()).isEqualTo("plain");
            clientBytes.discard();
        }
    }
}

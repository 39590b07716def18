package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Flow;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.StreamBody;
import dev.gatehouse.testing.Eventually;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class Http1ExchangeTest {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void getReachesTheHandlerWithNormalisedPathAndForwardedHeaders() throws Exception {
        try (TestServer s = new TestServer(Handlers.echo())) {
            var r = client.send(HttpRequest.newBuilder(URI.create(s.url("/a//b/../c?x=1"))).build(),
                    BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("method=GET", "path=/a/c", "normalized=/a/c", "query=x=1",
                    "protocol=HTTP/1.1", "h:x-forwarded-proto=http",
                    "h:x-forwarded-port=" + s.port(), "h:x-real-ip=127.0.0.1", "h:x-forwarded-server=");
            Eventually.await(Duration.ofSeconds(5), "exchange observed", () -> s.exchanges.size() == 1);
            assertThat(s.exchanges.getFirst().uri()).isEqualTo("/a//b/../c?x=1");
            assertThat(s.exchanges.getFirst().status()).isEqualTo(200);
            assertThat(s.exchanges.getFirst().requestHeaders().contains("x-forwarded-for")).isFalse();
        }
    }

    @Test
    void postBodyStreamsToTheHandler() throws Exception {
        try (TestServer s = new TestServer(Handlers.echo())) {
            String big = "x".repeat(300_000);
            var r = client.send(HttpRequest.newBuilder(URI.create(s.url("/up")))
                    .POST(HttpRequest.BodyPublishers.ofString(big)).build(), BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).endsWith("\n\n" + big);
        }
    }

    @Test
    void chunkedRequestWithTrailersAndKeepAlive() throws Exception {
        try (TestServer s = new TestServer(Handlers.echo()); RawClient c = new RawClient(s.port())) {
            c.send("POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n6\r\n world\r\n0\r\nX-T: 1\r\n\r\n");
            String first = c.readUntil("hello world", 1);
            assertThat(first).startsWith("HTTP/1.1 200").contains("h:host=h").doesNotContain("transfer-encoding=");
            c.send("GET /second HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            String second = c.readToClose();
            assertThat(second).contains("path=/second").contains("connection: close");
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (TestServer s = new TestServer(Handlers.echo()); RawClient c = new RawClient(s.port())) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                sb.append("GET /p").append(i).append(" HTTP/1.1\r\nHost: h\r\n\r\n");
            }
            sb.append("GET /last HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            c.send(sb.toString());
            String all = c.readToClose();
            int prev = -1;
            for (int i = 0; i < 5; i++) {
                int at = all.indexOf("path=/p" + i + "\n");
                assertThat(at).isGreaterThan(prev);
                prev = at;
            }
            assertThat(all.indexOf("path=/last")).isGreaterThan(prev);
        }
    }

    @Test
    void handlerExceptionGives500AndTheConnectionLives() throws Exception {
        try (TestServer s = new TestServer((ctx, req) -> {
            if (req.path().equals("/boom")) {
                throw new IllegalStateException("test failure");
            }
            return HttpResponse.text(200, "ok");
        }); RawClient c = new RawClient(s.port())) {
            c.send("GET /boom HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(c.readUntil("Internal Server Error", 1)).startsWith("HTTP/1.1 500");
            c.send("GET /fine HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            assertThat(c.readToClose()).startsWith("HTTP/1.1 200").endsWith("ok");
        }
    }

    @Test
    void streamedResponseChunksLeaveAsTheyArrive() throws Exception {
        StreamBody[] holder = new StreamBody[1];
        io.netty.channel.EventLoop[] loop = new io.netty.channel.EventLoop[1];
        try (TestServer s = new TestServer((ctx, req) -> {
            StreamBody body = new StreamBody(Flow.NONE, -1);
            loop[0] = ctx.eventLoop();
            holder[0] = body;
            HttpHeaders h = new DefaultHttpHeaders().set("content-type", "text/event-stream");
            body.push(Unpooled.copiedBuffer("data: one\n\n", StandardCharsets.UTF_8));
            return HttpResponse.of(200, h, body);
        }); RawClient c = new RawClient(s.port())) {
            c.send("GET /events HTTP/1.1\r\nHost: h\r\n\r\n");
            String head = c.readUntil("data: one", 1);
            assertThat(head).contains("transfer-encoding: chunked").contains("text/event-stream");
            // The second event is produced only now, after the client saw the first.
            Eventually.await(Duration.ofSeconds(5), "body", () -> holder[0] != null);
            loop[0].submit(() -> holder[0].push(Unpooled.copiedBuffer("data: two\n\n", StandardCharsets.UTF_8)))
                    .get(5, TimeUnit.SECONDS);
            assertThat(c.readUntil("data: two", 1)).contains("data: two");
            loop[0].submit(() -> holder[0].end(null)).get(5, TimeUnit.SECONDS);
            assertThat(c.readUntil("0\r\n\r\n", 1)).contains("0\r\n\r\n");
        }
    }

    @Test
    void headResponseHasNoBodyAndKeepsLength() throws Exception {
        try (TestServer s = new TestServer((ctx, req) -> HttpResponse.text(200, "hello"));
             RawClient c = new RawClient(s.port())) {
            c.send("HEAD / HTTP/1.1\r\nHost: h\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            String all = c.readToClose();
            assertThat(RawClient.count(all, "HTTP/1.1 200")).isEqualTo(2);
            assertThat(RawClient.count(all, "hello")).isEqualTo(1);
            assertThat(all).contains("content-length: 5");
        }
    }

    @Test
    void http10ClientGetsCloseDelimitedStream() throws Exception {
        try (TestServer s = new TestServer((ctx, req) -> {
            StreamBody b = new StreamBody(Flow.NONE, -1);
            b.push(Unpooled.copiedBuffer("streamed", StandardCharsets.UTF_8));
            b.end(null);
            return HttpResponse.of(200, new DefaultHttpHeaders(), b);
        }); RawClient c = new RawClient(s.port())) {
            c.send("GET / HTTP/1.0\r\n\r\n");
            String all = c.readToClose();
            assertThat(all).startsWith("HTTP/1.1 200").doesNotContain("chunked").endsWith("streamed");
        }
    }

    @Test
    void expectContinueIsAnswered() throws Exception {
        try (TestServer s = new TestServer(Handlers.echo()); RawClient c = new RawClient(s.port())) {
            c.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n");
            assertThat(c.readUntil("\r\n\r\n", 1)).startsWith("HTTP/1.1 100 Continue");
            c.send("abc");
            assertThat(c.readUntil("abc", 1)).contains("HTTP/1.1 200");
        }
    }

    @Test
    void curlGetWorks() throws Exception {
        try (TestServer s = new TestServer((ctx, req) -> HttpResponse.text(200, "curl-ok"))) {
            Process p = new ProcessBuilder("curl", "-s", "--max-time", "10", s.url("/")).redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
            assertThat(out).isEqualTo("curl-ok");
        }
    }
}

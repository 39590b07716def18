package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/** Requests a proxy must refuse before any handler sees them; each answer closes the connection. */
class HardeningTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer((ctx, req) -> HttpResponse.text(200, "handled"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> badRequests() {
        String big = "a".repeat(20_000);
        String manyHeaders = ("X-Filler: " + "b".repeat(1000) + "\r\n").repeat(1100);
        return Stream.of(
                Arguments.of("CL and TE together", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
                Arguments.of("TE then CL", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n"
                        + "Content-Length: 5\r\n\r\n0\r\n\r\n", 400),
                Arguments.of("duplicate CL", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n"
                        + "Content-Length: 5\r\n\r\nhello", 400),
                Arguments.of("conflicting CL", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n"
                        + "Content-Length: 6\r\n\r\nhello!", 400),
                Arguments.of("CL list", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5, 5\r\n\r\nhello", 400),
                Arguments.of("TE chunked, identity", "POST / HTTP/1.1\r\nHost: h\r\n"
                        + "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n", 400),
                Arguments.of("TE xchunked", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: xchunked\r\n\r\n", 400),
                Arguments.of("TE with vertical tab", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding:\u000bchunked\r\n"
                        + "\r\n0\r\n\r\n", 400),
                Arguments.of("TE space before colon", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding : chunked\r\n"
                        + "\r\n0\r\n\r\n", 400),
                Arguments.of("TE twice", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
                Arguments.of("TE on HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
                Arguments.of("bare LF", "GET / HTTP/1.1\nHost: h\n\n", 400),
                Arguments.of("bare LF in headers", "GET / HTTP/1.1\r\nHost: h\nX-A: b\r\n\r\n", 400),
                Arguments.of("obs-fold", "GET / HTTP/1.1\r\nHost: h\r\nX-A: b\r\n  folded\r\n\r\n", 400),
                Arguments.of("obs-fold with tab", "GET / HTTP/1.1\r\nHost: h\r\nX-A: b\r\n\tfolded\r\n\r\n", 400),
                Arguments.of("space before first header", "GET / HTTP/1.1\r\n Host: h\r\n\r\n", 400),
                Arguments.of("invalid header name", "GET / HTTP/1.1\r\nHost: h\r\nX(A): b\r\n\r\n", 400),
                Arguments.of("CR inside value", "GET / HTTP/1.1\r\nHost: h\r\nX-A: b\rc\r\n\r\n", 400),
                Arguments.of("NUL inside value", "GET / HTTP/1.1\r\nHost: h\r\nX-A: b\u0000c\r\n\r\n", 400),
                Arguments.of("missing Host on 1.1", "GET / HTTP/1.1\r\n\r\n", 400),
                Arguments.of("two Hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
                Arguments.of("header block too big", "GET / HTTP/1.1\r\nHost: h\r\n" + manyHeaders + "\r\n", 431),
                Arguments.of("request line too long", "GET /" + big + " HTTP/1.1\r\nHost: h\r\n\r\n", 414),
                Arguments.of("malformed request line", "GET/HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                Arguments.of("unknown version", "GET / HTTP/9.9\r\nHost: h\r\n\r\n", 505),
                Arguments.of("encoded slash", "GET /a%2Fb HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                Arguments.of("dot-dot with params", "GET /x/..;/admin HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                Arguments.of("relative target", "GET admin HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                Arguments.of("unsupported expectation", "GET / HTTP/1.1\r\nHost: h\r\nExpect: magic\r\n\r\n", 417));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void refusedWithoutCallingTheHandler(String name, String request, int status) throws Exception {
        int before = server.calls.get();
        try (RawClient c = new RawClient(server.port())) {
            c.send(request);
            String response = c.readToClose();
            assertThat(response).as(name).startsWith("HTTP/1.1 " + status);
            assertThat(response).as(name).contains("connection: close");
        }
        assertThat(server.calls.get()).as(name).isEqualTo(before);
    }

    @org.junit.jupiter.api.Test
    void badChunkFailsTheBodyAndCloses() throws Exception {
        try (TestServer s = new TestServer(Handlers.echo()); RawClient c = new RawClient(s.port())) {
            c.send("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\n");
            String response = c.readToClose();
            assertThat(response).startsWith("HTTP/1.1 400").contains("connection: close");
            assertThat(RawClient.count(response, "HTTP/1.1")).isEqualTo(1);
        }
    }
}

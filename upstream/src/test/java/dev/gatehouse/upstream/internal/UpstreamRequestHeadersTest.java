package dev.gatehouse.upstream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class UpstreamRequestHeadersTest {
    @Test
    void setsHostAppendsTheClientAndKeepsTheRest() {
        HttpHeaders out = UpstreamRequestHeaders.build(TestHeaders.of("Host", "client.example", "Accept", "*/*",
                "X-Custom", "a", "X-Custom", "b"), null, "10.0.0.7", "backend:8080", 0);
        assertThat(out.getAll("Host")).containsExactly("backend:8080");
        assertThat(out.getAll("X-Forwarded-For")).containsExactly("10.0.0.7");
        assertThat(out.getAll("X-Custom")).containsExactly("a", "b");
        assertThat(out.get("Accept")).isEqualTo("*/*");
        assertThat(out.contains("Content-Length")).isFalse();
        assertThat(out.contains("Transfer-Encoding")).isFalse();
    }

    @Test
    void joinsEveryXForwardedForLineAndAppendsTheClient() {
        HttpHeaders out = UpstreamRequestHeaders.build(TestHeaders.of("x-forwarded-for", "1.1.1.1", "X-Forwarded-For",
                "2.2.2.2, 3.3.3.3"), null, "10.0.0.7", "b", 0);
        assertThat(out.getAll("X-Forwarded-For")).containsExactly("1.1.1.1, 2.2.2.2, 3.3.3.3, 10.0.0.7");
    }

    @Test
    void aBlankXForwardedForIsReplacedAndNoClientIpLeavesItAsItCame() {
        assertThat(UpstreamRequestHeaders.build(TestHeaders.of("X-Forwarded-For", " "), null, "10.0.0.7", "b", 0)
                .getAll("X-Forwarded-For")).containsExactly("10.0.0.7");
        assertThat(UpstreamRequestHeaders.build(TestHeaders.of("X-Forwarded-For", "1.1.1.1"), null, "", "b", 0)
                .getAll("X-Forwarded-For")).containsExactly("1.1.1.1");
        assertThat(UpstreamRequestHeaders.build(TestHeaders.of(), null, null, "b", 0).contains("X-Forwarded-For"))
                .isFalse();
    }

    @Test
    void dropsHopByHopHeadersAndTheOnesConnectionNamesButNeverHost() {
        HttpHeaders out = UpstreamRequestHeaders.build(TestHeaders.of("Connection", "X-Secret, host, X-Forwarded-For",
                "X-Secret", "s", "Keep-Alive", "5", "Proxy-Connection", "x", "Trailer", "t", "Upgrade", "ws",
                "Proxy-Authorization", "p", "X-Forwarded-For", "1.1.1.1", "X-Kept", "k"), null, "10.0.0.7",
                "b", 0);
        assertThat(out.names()).containsExactlyInAnyOrder("host", "X-Kept", "X-Forwarded-For");
        assertThat(out.get("Host")).isEqualTo("b");
        assertThat(out.get("X-Forwarded-For")).isEqualTo("10.0.0.7");
    }

    @Test
    void teSurvivesOnlyAsTrailers() {
        assertThat(UpstreamRequestHeaders.build(TestHeaders.of("TE", "trailers"), null, null, "b", 0).get("TE"))
                .isEqualTo("trailers");
        assertThat(UpstreamRequestHeaders.build(TestHeaders.of("TE", "gzip"), null, null, "b", 0).contains("TE"))
                .isFalse();
    }

    @Test
    void dropsHttp2PseudoHeaders() {
        HttpHeaders out = UpstreamRequestHeaders.build(TestHeaders.of(":authority", "a", ":path", "/", "X-Kept", "k"),
                null,
                null, "b", 0);
        assertThat(out.names()).containsExactlyInAnyOrder("host", "X-Kept");
    }

    @Test
    void framingFollowsTheBody() {
        assertThat(UpstreamRequestHeaders.build(TestHeaders.of("Content-Length", "99"), null, null, "b", 12)
                .getAll("Content-Length")).containsExactly("12");
        assertThat(UpstreamRequestHeaders.build(TestHeaders.of("Content-Length", "0"), null, null, "b", 0)
                .getAll("Content-Length")).containsExactly("0");
        HttpHeaders unknown = UpstreamRequestHeaders.build(TestHeaders.of(), null, null, "b", -1);
        assertThat(unknown.get("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(unknown.contains("Content-Length")).isFalse();
        HttpHeaders declared = UpstreamRequestHeaders.build(TestHeaders.of("Content-Length", "7"), null, null, "b", -1);
        assertThat(declared.getAll("Content-Length")).containsExactly("7");
        assertThat(declared.contains("Transfer-Encoding")).isFalse();
        HttpHeaders named = UpstreamRequestHeaders.build(
                TestHeaders.of("Connection", "content-length", "Content-Length", "7"),
                null, null, "b", -1);
        assertThat(named.contains("Content-Length")).isFalse();
        assertThat(named.get("Transfer-Encoding")).isEqualTo("chunked");
    }

    @Test
    void anUpgradeKeepsItsPairAndSendsNoFraming() {
        HttpHeaders out = UpstreamRequestHeaders.build(TestHeaders.of("Connection", "Upgrade", "Upgrade", "websocket",
                "Content-Length", "0", "Sec-WebSocket-Key", "k"), "websocket", "10.0.0.7", "b", -1);
        assertThat(out.get("Connection")).isEqualTo("upgrade");
        assertThat(out.get("Upgrade")).isEqualTo("websocket");
        assertThat(out.get("Sec-WebSocket-Key")).isEqualTo("k");
        assertThat(out.contains("Content-Length")).isFalse();
        assertThat(out.contains("Transfer-Encoding")).isFalse();
    }
}

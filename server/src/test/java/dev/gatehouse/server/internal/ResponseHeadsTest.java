package dev.gatehouse.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class ResponseHeadsTest {
    private static HttpHeaders headers(String... pairs) {
        HttpHeaders h = new DefaultHttpHeaders();
        for (int i = 0; i < pairs.length; i += 2) {
            h.add(pairs[i], pairs[i + 1]);
        }
        return h;
    }

    private static HttpHeaders finish(HttpHeaders h, boolean keepUpgrade, long length) {
        int scanned = ResponseHeads.scan(h, keepUpgrade);
        ResponseHeads.stripConnectionHeaders(h, keepUpgrade, scanned);
        ResponseHeads.setContentLength(h, length, scanned);
        return h;
    }

    @Test
    void connectionHeadersGoInAnyCase() {
        HttpHeaders h = finish(headers("CONNECTION", "close", "keep-alive", "timeout=5", "Proxy-Connection", "x",
                "transfer-encoding", "chunked", "Upgrade", "h2c", "X-Kept", "1"), false, 3);
        assertThat(h.names()).containsExactlyInAnyOrder("X-Kept", "content-length");
    }

    @Test
    void aTunnelKeepsUpgrade() {
        HttpHeaders h = finish(headers("Connection", "upgrade", "Upgrade", "websocket"), true, 0);
        assertThat(h.get("Upgrade")).isEqualTo("websocket");
        assertThat(h.contains("Connection")).isFalse();
    }

    @Test
    void contentLengthIsReplacedUnlessItIsExactlyTheBodyLength() {
        assertThat(finish(headers("Content-Length", "1024"), false, 1024).getAll("content-length"))
                .containsExactly("1024");
        assertThat(finish(headers("Content-Length", "99"), false, 1024).getAll("content-length"))
                .containsExactly("1024");
        assertThat(finish(headers("Content-Length", "01024"), false, 1024).getAll("content-length"))
                .containsExactly("1024");
        assertThat(finish(headers("Content-Length", "1024", "Content-Length", "1024"), false, 1024)
                .getAll("content-length")).containsExactly("1024");
        assertThat(finish(headers(), false, 0).getAll("content-length")).containsExactly("0");
    }

    @Test
    void decimalMustBeExact() {
        assertThat(ResponseHeads.isDecimal("0", 0)).isTrue();
        assertThat(ResponseHeads.isDecimal("123456789012345678", 123456789012345678L)).isTrue();
        assertThat(ResponseHeads.isDecimal("+5", 5)).isFalse();
        assertThat(ResponseHeads.isDecimal("5 ", 5)).isFalse();
        assertThat(ResponseHeads.isDecimal("", 0)).isFalse();
        assertThat(ResponseHeads.isDecimal(null, 0)).isFalse();
        assertThat(ResponseHeads.isDecimal("9223372036854775807", Long.MAX_VALUE)).isFalse();
    }
}

package dev.gatehouse.upstream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class HopByHopTest {
    @Test
    void aResponsePassLeavesTheEndToEndHeadersAndReadsFramingAndKeepAlive() {
        HttpHeaders h = TestHeaders.of("Content-Length", "1024", "Connection", "Keep-Alive, X-Private", "Keep-Alive",
                "timeout=5", "X-Private", "p", "Transfer-Encoding", "identity", "X-Kept", "k");
        HopByHop.ResponseFacts facts = HopByHop.stripResponseInPlace(h);
        assertThat(h.names()).containsExactlyInAnyOrder("Content-Length", "X-Kept");
        assertThat(facts.contentLength).isEqualTo("1024");
        assertThat(facts.keepAlive).isTrue();
        assertThat(facts.close).isFalse();
    }

    @Test
    void closeIsSeenInAnyCaseAndPosition() {
        HopByHop.ResponseFacts facts = HopByHop.stripResponseInPlace(TestHeaders.of("connection", "x-a , CLOSE"));
        assertThat(facts.close).isTrue();
        assertThat(facts.keepAlive).isFalse();
        assertThat(facts.contentLength).isNull();
    }

    @Test
    void noConnectionHeaderSaysNothingAboutKeepAlive() {
        HttpHeaders h = TestHeaders.of("Date", "d", "content-length", "0");
        HopByHop.ResponseFacts facts = HopByHop.stripResponseInPlace(h);
        assertThat(facts.close).isFalse();
        assertThat(facts.keepAlive).isFalse();
        assertThat(facts.contentLength).isEqualTo("0");
        assertThat(h.size()).isEqualTo(2);
    }
}

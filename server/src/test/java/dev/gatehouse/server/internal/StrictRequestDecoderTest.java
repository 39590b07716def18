package dev.gatehouse.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The obs-fold scan works across reads of any size: it resumes where it stopped instead of rescanning. */
class StrictRequestDecoderTest {
    private static List<HttpObject> feedByteByByte(String raw) {
        EmbeddedChannel ch = new EmbeddedChannel(new StrictRequestDecoder(Limits.DEFAULT, () -> { }));
        for (byte b : raw.getBytes(StandardCharsets.US_ASCII)) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        List<HttpObject> out = new ArrayList<>();
        Object o;
        while ((o = ch.readInbound()) != null) {
            out.add((HttpObject) o);
        }
        ch.finishAndReleaseAll();
        return out;
    }

    @Test
    void foldedHeaderIsRejectedWhenItArrivesOneByteAtATime() {
        List<HttpObject> out = feedByteByByte("GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n  continued\r\n\r\n");
        assertThat(out).isNotEmpty();
        assertThat(out.getFirst().decoderResult().isFailure()).isTrue();
        assertThat(out.getFirst().decoderResult().cause()).hasMessageContaining("folding");
        out.forEach(ReferenceCountUtil::release);
    }

    @Test
    void pipelinedRequestsWithBodiesStartingWithBlanksAreNotMistakenForFolds() {
        String first = "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n  x";
        String second = "GET /b HTTP/1.1\r\nHost: x\r\n\r\n";
        List<HttpObject> out = feedByteByByte(first + second);
        List<String> uris = out.stream().filter(o -> o instanceof HttpRequest)
                .map(o -> ((HttpRequest) o).uri()).toList();
        assertThat(out).allSatisfy(o -> assertThat(o.decoderResult().isSuccess()).isTrue());
        assertThat(uris).containsExactly("/a", "/b");
        out.forEach(ReferenceCountUtil::release);
    }
}

package dev.gatehouse.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamBodyTest {
    /** Records what a producer is told. */
    static final class SourceFlow implements Flow {
        final List<String> calls = new ArrayList<>();

        @Override
        public void pause() {
            calls.add("pause");
        }

        @Override
        public void resume() {
            calls.add("resume");
        }

        @Override
        public void cancel() {
            calls.add("cancel");
        }
    }

    /** Collects chunks as text and releases them. */
    static class Collector implements BodySubscriber {
        final StringBuilder text = new StringBuilder();
        Flow flow;
        boolean ended;
        Throwable error;

        @Override
        public void onStart(Flow flow) {
            this.flow = flow;
        }

        @Override
        public void onData(ByteBuf chunk) {
            text.append(chunk.toString(StandardCharsets.UTF_8));
            chunk.release();
        }

        @Override
        public void onEnd(HttpHeaders trailers) {
            ended = true;
        }

        @Override
        public void onError(Throwable cause) {
            error = cause;
        }
    }

    private static ByteBuf buf(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    @Test
    void chunksBeforeSubscribeAreQueuedThenDeliveredInOrder() {
        SourceFlow src = new SourceFlow();
        StreamBody body = new StreamBody(src, -1);
        body.push(buf("a"));
        body.push(buf("b"));
        Collector c = new Collector();
        body.subscribe(c);
        body.push(buf("c"));
        body.end(null);
        assertThat(c.text).hasToString("abc");
        assertThat(c.ended).isTrue();
        assertThat(src.calls).isEmpty();
    }

    @Test
    void producerIsPausedPastHighWaterUntilSubscribed() {
        SourceFlow src = new SourceFlow();
        StreamBody body = new StreamBody(src, -1);
        ByteBuf big = Unpooled.buffer(StreamBody.HIGH_WATER_BYTES + 1).writeZero(StreamBody.HIGH_WATER_BYTES + 1);
        body.push(big);
        assertThat(src.calls).containsExactly("pause");
        Collector c = new Collector();
        body.subscribe(c);
        assertThat(src.calls).containsExactly("pause", "resume");
        assertThat(c.text.length()).isEqualTo(StreamBody.HIGH_WATER_BYTES + 1);
    }

    @Test
    void consumerPauseDuringDrainIsNotUndone() {
        SourceFlow src = new SourceFlow();
        StreamBody body = new StreamBody(src, -1);
        body.push(Unpooled.buffer(StreamBody.HIGH_WATER_BYTES + 1).writeZero(StreamBody.HIGH_WATER_BYTES + 1));
        Collector c = new Collector() {
            @Override
            public void onData(ByteBuf chunk) {
                super.onData(chunk);
                flow.pause();
            }
        };
        body.subscribe(c);
        assertThat(src.calls).containsExactly("pause");
        c.flow.resume();
        assertThat(src.calls).containsExactly("pause", "resume");
    }

    @Test
    void discardReleasesQueuedChunksAndCancelsProducer() {
        SourceFlow src = new SourceFlow();
        StreamBody body = new StreamBody(src, -1);
        ByteBuf b = buf("x");
        body.push(b);
        body.discard();
        assertThat(b.refCnt()).isZero();
        assertThat(src.calls).containsExactly("cancel");
        ByteBuf late = buf("y");
        body.push(late);
        assertThat(late.refCnt()).isZero();
    }

    @Test
    void secondSubscriberGetsAnError() {
        StreamBody body = new StreamBody(new SourceFlow(), -1);
        body.subscribe(new Collector());
        Collector second = new Collector();
        body.subscribe(second);
        assertThat(second.error).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aggregateFailsPastLimitAndReleases() {
        StreamBody body = new StreamBody(new SourceFlow(), -1);
        Throwable[] err = new Throwable[1];
        body.aggregate(3, (bytes, e) -> err[0] = e);
        ByteBuf b = buf("abcd");
        body.push(b);
        assertThat(err[0]).isInstanceOf(BodyTooLargeException.class);
        assertThat(b.refCnt()).isZero();
    }

    @Test
    void aggregateJoinsChunks() {
        StreamBody body = new StreamBody(new SourceFlow(), -1);
        String[] out = new String[1];
        body.aggregate(100, (bytes, e) -> {
            out[0] = bytes.toString(StandardCharsets.UTF_8);
            bytes.release();
        });
        body.push(buf("ab"));
        body.push(buf("cd"));
        body.end(null);
        assertThat(out[0]).isEqualTo("abcd");
    }
}

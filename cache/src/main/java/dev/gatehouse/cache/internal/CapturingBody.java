package dev.gatehouse.cache.internal;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.BodySubscriber;
import dev.gatehouse.core.Flow;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A response body that streams to its reader unchanged while a copy of its bytes is collected, up to a
 * limit. Chunks are forwarded as they come (the first byte is not delayed); the copy goes to a heap array,
 * so no buffer is retained. Exactly one of the two callbacks runs: the whole content when the body ended
 * normally within the limit and without trailers, or "abandoned" otherwise (too large, failed, cancelled,
 * discarded).
 */
public final class CapturingBody implements Body {
    private static final int INITIAL_CAPACITY = 8192;

    private final Body source;
    private final int limit;
    private final Consumer<byte[]> onComplete;
    private final Runnable onAbandon;
    private byte[] copy;
    private int size;
    private boolean settled;

    /**
     * @param source     the body to forward
     * @param limit      the most bytes collected; past it the copy is dropped and the body only streams
     * @param onComplete gets the content when the body ended within the limit
     * @param onAbandon  runs when no content will come
     */
    public CapturingBody(Body source, int limit, Consumer<byte[]> onComplete, Runnable onAbandon) {
        this.source = source;
        this.limit = limit;
        this.onComplete = onComplete;
        this.onAbandon = onAbandon;
        long len = source.contentLength();
        this.copy = new byte[(int) Math.min(limit, len >= 0 ? len : INITIAL_CAPACITY)];
    }

    @Override
    public long contentLength() {
        return source.contentLength();
    }

    @Override
    public void subscribe(BodySubscriber subscriber) {
        source.subscribe(new Tee(subscriber));
    }

    @Override
    public void discard() {
        source.discard();
        abandon();
    }

    private void capture(ByteBuf chunk) {
        if (settled) {
            return;
        }
        int n = chunk.readableBytes();
        if ((long) size + n > limit) {
            abandon();
            return;
        }
        if (size + n > copy.length) {
            copy = Arrays.copyOf(copy, (int) Math.min(limit, Math.max((long) size + n, copy.length * 2L)));
        }
        chunk.getBytes(chunk.readerIndex(), copy, size, n);
        size += n;
    }

    private void finish(HttpHeaders trailers) {
        if (settled) {
            return;
        }
        if (trailers != null && !trailers.isEmpty()) {
            abandon(); // trailers are not stored, so the stored copy would be incomplete
            return;
        }
        settled = true;
        byte[] content = size == copy.length ? copy : Arrays.copyOf(copy, size);
        copy = null;
        onComplete.accept(content);
    }

    private void abandon() {
        if (!settled) {
            settled = true;
            copy = null;
            onAbandon.run();
        }
    }

    /** Forwards every call, copying the bytes on the way. */
    private final class Tee implements BodySubscriber {
        private final BodySubscriber target;

        Tee(BodySubscriber target) {
            this.target = target;
        }

        @Override
        public void onStart(Flow flow) {
            target.onStart(new Flow() {
                @Override
                public void pause() {
                    flow.pause();
                }

                @Override
                public void resume() {
                    flow.resume();
                }

                @Override
                public void cancel() {
                    abandon();
                    flow.cancel();
                }
            });
        }

        @Override
        public void onData(ByteBuf chunk) {
            capture(chunk);
            target.onData(chunk);
        }

        @Override
        public void onLast(ByteBuf chunk, HttpHeaders trailers) {
            capture(chunk);
            target.onLast(chunk, trailers);
            finish(trailers);
        }

        @Override
        public void onEnd(HttpHeaders trailers) {
            target.onEnd(trailers);
            finish(trailers);
        }

        @Override
        public void onError(Throwable cause) {
            abandon();
            target.onError(cause);
        }
    }
}

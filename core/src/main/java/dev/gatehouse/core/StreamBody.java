package dev.gatehouse.core;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayDeque;

/**
 * A body fed by a producer as chunks arrive: the pipe between a socket and whoever reads the body.
 *
 * <pre>
 *  producer: push(chunk)* then end(trailers) | fail(cause)
 *  consumer: subscribe(subscriber) | discard()
 * </pre>
 *
 * <p>Chunks that arrive before the consumer subscribes wait in a queue; past {@link #HIGH_WATER_BYTES} the
 * producer is paused until the consumer subscribes. Not thread-safe: producer and consumer both run on the
 * exchange's event loop.
 */
public final class StreamBody implements Body {
    /** Queued bytes before a subscriber arrives, past which the producer is paused. */
    public static final int HIGH_WATER_BYTES = 64 * 1024;

    private final Flow source;
    private final long contentLength;
    private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>(4);
    private int queuedBytes;
    private BodySubscriber subscriber;
    private boolean discarded;
    private boolean ended;
    private HttpHeaders trailers;
    private Throwable failure;
    private boolean sourcePaused;
    private boolean consumerPaused;
    private boolean draining;

    /**
     * Creates a body.
     *
     * @param source        controls the producer
     * @param contentLength the length when known, or -1
     */
    public StreamBody(Flow source, long contentLength) {
        this.source = source;
        this.contentLength = contentLength;
    }

    @Override
    public long contentLength() {
        return contentLength;
    }

    /** @return true once a subscriber took the body or it was discarded */
    public boolean isClaimed() {
        return subscriber != null || discarded;
    }

    /** @return true once the producer ended or failed the body */
    public boolean isComplete() {
        return ended || failure != null;
    }

    /**
     * Producer: one more chunk.
     *
     * @param chunk the bytes; the body takes ownership
     */
    public void push(ByteBuf chunk) {
        if (discarded || ended || failure != null) {
            chunk.release();
            return;
        }
        if (subscriber != null && queue.isEmpty() && !draining) {
            subscriber.onData(chunk);
            return;
        }
        queue.add(chunk);
        queuedBytes += chunk.readableBytes();
        if (subscriber == null && queuedBytes > HIGH_WATER_BYTES && !sourcePaused) {
            sourcePaused = true;
            source.pause();
        }
    }

    /**
     * Producer: the body ended.
     *
     * @param trailers trailing headers, or null for none
     */
    public void end(HttpHeaders trailers) {
        if (ended || failure != null) {
            return;
        }
        ended = true;
        this.trailers = trailers == null ? EmptyHttpHeaders.INSTANCE : trailers;
        if (subscriber != null && !draining) {
            subscriber.onEnd(this.trailers);
        }
    }

    /**
     * Producer: the last chunk, then the end; the same as {@link #push} then {@link #end}, delivered in one call
     * when the subscriber is waiting for data.
     *
     * @param chunk    the bytes; the body takes ownership
     * @param trailers trailing headers, or null for none
     */
    public void pushLast(ByteBuf chunk, HttpHeaders trailers) {
        if (subscriber != null && queue.isEmpty() && !draining && !discarded && !ended && failure == null) {
            ended = true;
            this.trailers = trailers == null ? EmptyHttpHeaders.INSTANCE : trailers;
            subscriber.onLast(chunk, this.trailers);
            return;
        }
        push(chunk);
        end(trailers);
    }

    /**
     * Producer: the body failed.
     *
     * @param cause what went wrong
     */
    public void fail(Throwable cause) {
        if (ended || failure != null) {
            return;
        }
        failure = cause;
        releaseQueue();
        if (subscriber != null && !draining) {
            subscriber.onError(cause);
        }
    }

    @Override
    public void subscribe(BodySubscriber s) {
        if (subscriber != null || discarded) {
            s.onStart(Flow.NONE);
            s.onError(new IllegalStateException("body already consumed"));
            return;
        }
        subscriber = s;
        s.onStart(new ConsumerFlow());
        draining = true;
        while (!queue.isEmpty()) {
            ByteBuf c = queue.poll();
            queuedBytes -= c.readableBytes();
            s.onData(c);
        }
        draining = false;
        if (failure != null) {
            s.onError(failure);
        } else if (ended) {
            s.onEnd(trailers);
        } else if (sourcePaused && !consumerPaused) {
            sourcePaused = false;
            source.resume();
        }
    }

    @Override
    public void discard() {
        if (subscriber != null || discarded) {
            return;
        }
        discarded = true;
        releaseQueue();
        if (!ended && failure == null) {
            source.cancel();
        }
    }

    private void releaseQueue() {
        ByteBuf c;
        while ((c = queue.poll()) != null) {
            c.release();
        }
        queuedBytes = 0;
    }

    /** The flow a subscriber sees: its pause is remembered so a queue drain does not undo it. */
    private final class ConsumerFlow implements Flow {
        @Override
        public void pause() {
            consumerPaused = true;
            if (!sourcePaused) {
                sourcePaused = true;
                source.pause();
            }
        }

        @Override
        public void resume() {
            consumerPaused = false;
            if (sourcePaused) {
                sourcePaused = false;
                source.resume();
            }
        }

        @Override
        public void cancel() {
            releaseQueue();
            if (!ended && failure == null) {
                source.cancel();
            }
        }
    }
}

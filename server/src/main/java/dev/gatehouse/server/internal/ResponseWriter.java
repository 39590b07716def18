package dev.gatehouse.server.internal;

import dev.gatehouse.core.BodySubscriber;
import dev.gatehouse.core.Flow;
import dev.gatehouse.core.net.BatchedFlush;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Streams a response body to the client: every chunk is written and flushed as it arrives (SSE and chunked
 * responses must not wait), and the producer is paused while the channel is not writable.
 */
final class ResponseWriter implements BodySubscriber {
    /** Told when the body is written or failed. */
    interface Listener {
        /**
         * @param ok true when the whole body was written
         */
        void responseWritten(boolean ok);
    }

    private final Channel ch;
    private final Exchange ex;
    private final boolean raw;
    private final boolean trailersAllowed;
    private final Listener listener;
    private Flow flow = Flow.NONE;
    private boolean paused;
    private boolean done;

    ResponseWriter(Channel ch, Exchange ex, boolean raw, boolean trailersAllowed, Listener listener) {
        this.ch = ch;
        this.ex = ex;
        this.raw = raw;
        this.trailersAllowed = trailersAllowed;
        this.listener = listener;
    }

    @Override
    public void onStart(Flow flow) {
        this.flow = flow;
    }

    @Override
    public void onData(ByteBuf chunk) {
        if (done || !ch.isActive()) {
            chunk.release();
            return;
        }
        int n = chunk.readableBytes();
        if (n == 0) {
            chunk.release();
            return;
        }
        ex.responseBytes += n;
        ch.writeAndFlush(raw ? chunk : new DefaultHttpContent(chunk), ch.voidPromise());
        if (!ch.isWritable() && !paused) {
            paused = true;
            flow.pause();
        }
    }

    @Override
    public void onLast(ByteBuf chunk, HttpHeaders trailers) {
        if (done || !ch.isActive() || !chunk.isReadable()) {
            // Closed, or nothing to write: the usual path releases the chunk and reports the end.
            onData(chunk);
            onEnd(trailers);
            return;
        }
        // Written without a flush: onEnd flushes it with the end of the body, one flush for both.
        ex.responseBytes += chunk.readableBytes();
        ch.write(raw ? chunk : new DefaultHttpContent(chunk), ch.voidPromise());
        onEnd(trailers);
    }

    @Override
    public void onEnd(HttpHeaders trailers) {
        if (done) {
            return;
        }
        done = true;
        Object last;
        if (raw) {
            last = io.netty.buffer.Unpooled.EMPTY_BUFFER;
        } else if (trailersAllowed && trailers != null && !trailers.isEmpty()) {
            DefaultLastHttpContent l = new DefaultLastHttpContent();
            l.trailingHeaders().set(trailers);
            last = l;
        } else {
            last = LastHttpContent.EMPTY_LAST_CONTENT;
        }
        ch.write(last).addListener((ChannelFutureListener) f -> listener.responseWritten(f.isSuccess()));
        BatchedFlush.flushSoon(ch);
    }

    @Override
    public void onError(Throwable cause) {
        if (done) {
            return;
        }
        done = true;
        listener.responseWritten(false);
    }

    /** The channel became writable again. */
    void writable() {
        if (paused && !done) {
            paused = false;
            flow.resume();
        }
    }

    /** The client went away: stop the producer. */
    void cancel() {
        if (!done) {
            done = true;
            flow.cancel();
        }
    }
}

package dev.gatehouse.upstream.internal;

import dev.gatehouse.core.BodySubscriber;
import dev.gatehouse.core.Flow;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2StreamChannel;

/**
 * Streams a request body onto an HTTP/2 stream: DATA frames, then END_STREAM, carried by a HEADERS frame when
 * the body ends with trailers (gRPC clients may send some). The body is paused while the stream is not writable:
 * its flow-control window is spent, or the connection's socket is full.
 */
final class Http2RequestWriter implements BodySubscriber {
    /** What the writer needs from its exchange. */
    interface Exchange {
        /** @return true once the exchange is over (nothing more is written) */
        boolean finished();

        /** Writes and flushes a message on the stream, watching for failure. */
        void write(Object msg);

        /** The whole request is queued: the response-header timeout starts. */
        void requestSent();

        /** The client's body broke. */
        void requestFailed(Throwable cause);
    }

    private final Http2StreamChannel ch;
    private final Exchange exchange;
    private Flow flow;
    private boolean paused;
    private boolean done;

    Http2RequestWriter(Http2StreamChannel ch, Exchange exchange) {
        this.ch = ch;
        this.exchange = exchange;
    }

    @Override
    public void onStart(Flow f) {
        flow = f;
    }

    @Override
    public void onData(ByteBuf chunk) {
        if (done || exchange.finished() || !ch.isActive()) {
            chunk.release();
            return;
        }
        exchange.write(new DefaultHttpContent(chunk));
        if (!ch.isWritable() && !paused && flow != null) {
            paused = true;
            flow.pause();
        }
    }

    @Override
    public void onEnd(HttpHeaders trailers) {
        if (done) {
            return;
        }
        done = true;
        flow = null;
        if (exchange.finished() || !ch.isActive()) {
            return;
        }
        LastHttpContent last = new DefaultLastHttpContent();
        if (trailers != null && !trailers.isEmpty()) {
            last.trailingHeaders().add(HopByHop.stripTrailers(new DefaultHttpHeaders(false).add(trailers)));
        }
        exchange.write(last);
        exchange.requestSent();
    }

    @Override
    public void onError(Throwable cause) {
        if (done) {
            return;
        }
        done = true;
        flow = null;
        if (!exchange.finished()) {
            exchange.requestFailed(cause);
        }
    }

    /** The stream became writable again: let the body flow. */
    void writable() {
        if (paused && flow != null) {
            paused = false;
            flow.resume();
        }
    }

    /** Stops the body when the exchange ends before it was sent; a no-op once it ended. */
    void cancel() {
        Flow f = flow;
        if (!done && f != null) {
            done = true;
            flow = null;
            f.cancel();
        }
    }
}

package dev.gatehouse.traffic.retry;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.BodySubscriber;
import dev.gatehouse.core.Flow;
import dev.gatehouse.core.StreamBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * Reads a request body into memory so it can be sent again, up to a limit. Past the limit (or on an error) it
 * gives up replaying and hands over a streaming body: what it read, then the rest as it arrives.
 *
 * <pre>
 *  body ──chunks──▶ capture ──end, ≤ limit──▶ buffered(all bytes)
 *                           └─over limit / error──▶ streaming(read so far + rest)
 * </pre>
 */
final class ReplayCapture implements BodySubscriber {
    /** Where the capture's outcome goes; exactly one method is called once, unless aborted first. */
    interface Outcome {
        /** @param all the whole body; the callee owns it */
        void buffered(ByteBuf all);

        /** @param body the body to send once, streaming */
        void streaming(Body body);
    }

    private final int limit;
    private final long contentLength;
    private final Outcome outcome;
    private CompositeByteBuf parts;
    private Flow flow = Flow.NONE;
    private StreamBody passthrough;
    private boolean done;

    ReplayCapture(int limit, long contentLength, Outcome outcome) {
        this.limit = limit;
        this.contentLength = contentLength;
        this.outcome = outcome;
    }

    @Override
    public void onStart(Flow flow) {
        this.flow = flow;
    }

    @Override
    public void onData(ByteBuf chunk) {
        if (passthrough != null) {
            passthrough.push(chunk);
            return;
        }
        if (done) {
            chunk.release();
            return;
        }
        int have = parts == null ? 0 : parts.readableBytes();
        if (have + chunk.readableBytes() > limit) {
            switchToStreaming();
            passthrough.push(chunk);
            return;
        }
        if (parts == null) {
            parts = Unpooled.compositeBuffer(64);
        }
        parts.addComponent(true, chunk);
    }

    @Override
    public void onEnd(HttpHeaders trailers) {
        if (passthrough != null) {
            passthrough.end(trailers);
            return;
        }
        if (done) {
            return;
        }
        done = true;
        ByteBuf all = parts == null ? Unpooled.EMPTY_BUFFER : parts;
        parts = null;
        outcome.buffered(all);
    }

    @Override
    public void onError(Throwable cause) {
        if (passthrough == null && !done) {
            switchToStreaming();
        }
        if (passthrough != null) {
            passthrough.fail(cause);
        }
    }

    /** The exchange ended before the capture did: drop what was read and stop the producer. */
    void abort() {
        if (done || passthrough != null) {
            return;
        }
        done = true;
        if (parts != null) {
            parts.release();
            parts = null;
        }
        flow.cancel();
    }

    private void switchToStreaming() {
        done = true;
        passthrough = new StreamBody(flow, contentLength);
        if (parts != null) {
            passthrough.push(parts);
            parts = null;
        }
        outcome.streaming(passthrough);
    }
}

package dev.gatehouse.traffic.compress;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.BodySubscriber;
import dev.gatehouse.core.Flow;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.StreamBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * Compresses one response body, deciding first when its length is unknown.
 *
 * <pre>
 *  BUFFERING ──≥ threshold bytes──▶ COMPRESSING ──end──▶ DONE (encoder finished)
 *      │                                 └─error / cancel──▶ DONE (encoder dropped)
 *      └──end below threshold──▶ DONE: sent as it is, with a Content-Length
 * </pre>
 *
 * <p>The head is held back (the outer response stays pending) while buffering, because only then is
 * {@code Content-Encoding} known. A known length at or above the minimum starts in COMPRESSING at once.
 */
final class ResponseCompression implements BodySubscriber {
    private enum State { BUFFERING, COMPRESSING, DONE }

    private final HttpResponse source;
    private final HttpResponse outer;
    private final String encoding;
    private final int threshold;
    private final FlowRelay relay = new FlowRelay(this::dispose);
    private State state = State.BUFFERING;
    private CompositeByteBuf buffered;
    private ChunkEncoder encoder;
    private StreamBody out;

    /**
     * @param source    the upstream response, ready
     * @param outer     the response to complete
     * @param encoding  the chosen encoding
     * @param threshold bytes to see before compressing; 0 to compress at once
     */
    ResponseCompression(HttpResponse source, HttpResponse outer, String encoding, int threshold) {
        this.source = source;
        this.outer = outer;
        this.encoding = encoding;
        this.threshold = threshold;
    }

    /** Starts reading the upstream body. */
    void start() {
        if (threshold <= 0) {
            beginCompressing();
        }
        source.body().subscribe(this);
    }

    /** The exchange ended: let go of whatever is still held. Idempotent. */
    void dispose() {
        state = State.DONE;
        if (buffered != null) {
            buffered.release();
            buffered = null;
        }
        if (encoder != null) {
            encoder.close();
        }
    }

    @Override
    public void onStart(Flow flow) {
        relay.target(flow);
    }

    @Override
    public void onData(ByteBuf chunk) {
        switch (state) {
            case BUFFERING -> {
                if (buffered == null) {
                    buffered = Unpooled.compositeBuffer(64);
                }
                buffered.addComponent(true, chunk);
                if (buffered.readableBytes() >= threshold) {
                    beginCompressing();
                }
            }
            case COMPRESSING -> emit(chunk);
            case DONE -> chunk.release();
        }
    }

    @Override
    public void onEnd(HttpHeaders trailers) {
        if (state == State.BUFFERING) {
            // Never reached the minimum: send it as it came, now with a known length.
            state = State.DONE;
            ByteBuf all = buffered == null ? Unpooled.EMPTY_BUFFER : buffered;
            buffered = null;
            HttpHeaders h = source.headers();
            h.remove(HttpHeaderNames.TRANSFER_ENCODING);
            h.set(HttpHeaderNames.CONTENT_LENGTH, all.readableBytes());
            outer.complete(source.status(), h, Body.of(all));
        } else if (state == State.COMPRESSING) {
            state = State.DONE;
            ByteBuf tail;
            try {
                tail = encoder.finish();
            } catch (RuntimeException e) {
                encoder.close();
                out.fail(e);
                return;
            }
            push(tail);
            out.end(trailers);
        }
    }

    @Override
    public void onError(Throwable cause) {
        if (state == State.BUFFERING) {
            dispose();
            StreamBody failed = new StreamBody(Flow.NONE, -1);
            failed.fail(cause);
            outer.complete(source.status(), source.headers(), failed);
        } else if (state == State.COMPRESSING) {
            dispose();
            out.fail(cause);
        }
    }

    private void beginCompressing() {
        state = State.COMPRESSING;
        encoder = ChunkEncoder.of(encoding);
        HttpHeaders h = source.headers();
        h.remove(HttpHeaderNames.CONTENT_LENGTH);
        h.remove(HttpHeaderNames.TRANSFER_ENCODING);
        // Byte ranges of the identity body do not apply to the compressed one.
        h.remove(HttpHeaderNames.ACCEPT_RANGES);
        h.set(HttpHeaderNames.CONTENT_ENCODING, encoding);
        out = new StreamBody(relay, -1);
        outer.complete(source.status(), h, out);
        if (buffered != null) {
            ByteBuf first = buffered;
            buffered = null;
            emit(first);
        }
    }

    private void emit(ByteBuf chunk) {
        if (state != State.COMPRESSING) {
            chunk.release();
            return;
        }
        ByteBuf compressed;
        try {
            compressed = encoder.encode(chunk);
        } catch (RuntimeException e) {
            dispose();
            relay.cancel();
            out.fail(e);
            return;
        }
        push(compressed);
    }

    private void push(ByteBuf compressed) {
        if (compressed.isReadable()) {
            out.push(compressed);
        } else {
            compressed.release();
        }
    }
}

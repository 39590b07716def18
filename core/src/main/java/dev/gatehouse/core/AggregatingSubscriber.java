package dev.gatehouse.core;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.function.BiConsumer;

/** Collects a body into one buffer, failing past a limit. */
final class AggregatingSubscriber implements BodySubscriber {
    private final int maxBytes;
    private final BiConsumer<ByteBuf, Throwable> callback;
    private CompositeByteBuf parts;
    private Flow flow;
    private boolean done;

    AggregatingSubscriber(int maxBytes, BiConsumer<ByteBuf, Throwable> callback) {
        this.maxBytes = maxBytes;
        this.callback = callback;
    }

    @Override
    public void onStart(Flow flow) {
        this.flow = flow;
    }

    @Override
    public void onData(ByteBuf chunk) {
        if (done) {
            chunk.release();
            return;
        }
        if (parts == null) {
            parts = Unpooled.compositeBuffer(64);
        }
        if (parts.readableBytes() + chunk.readableBytes() > maxBytes) {
            chunk.release();
            done = true;
            parts.release();
            parts = null;
            flow.cancel();
            callback.accept(null, new BodyTooLargeException(maxBytes));
            return;
        }
        parts.addComponent(true, chunk);
    }

    @Override
    public void onEnd(HttpHeaders trailers) {
        if (done) {
            return;
        }
        done = true;
        callback.accept(parts == null ? Unpooled.EMPTY_BUFFER : parts, null);
        parts = null;
    }

    @Override
    public void onError(Throwable cause) {
        if (done) {
            return;
        }
        done = true;
        if (parts != null) {
            parts.release();
            parts = null;
        }
        callback.accept(null, cause);
    }
}

package dev.gatehouse.core;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.EmptyHttpHeaders;

/** A body already in memory, as one buffer. */
final class BufferedBody implements Body {
    private ByteBuf content;
    private final long length;

    BufferedBody(ByteBuf content) {
        this.content = content;
        this.length = content.readableBytes();
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public void subscribe(BodySubscriber subscriber) {
        ByteBuf c = content;
        if (c == null) {
            subscriber.onStart(Flow.NONE);
            subscriber.onError(new IllegalStateException("body already consumed"));
            return;
        }
        content = null;
        subscriber.onStart(Flow.NONE);
        if (c.isReadable()) {
            subscriber.onData(c);
        } else {
            c.release();
        }
        subscriber.onEnd(EmptyHttpHeaders.INSTANCE);
    }

    @Override
    public void discard() {
        ByteBuf c = content;
        if (c != null) {
            content = null;
            c.release();
        }
    }
}

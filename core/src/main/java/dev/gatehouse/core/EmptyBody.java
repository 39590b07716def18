package dev.gatehouse.core;

import io.netty.handler.codec.http.EmptyHttpHeaders;

/** The body with no bytes. Stateless: subscribing ends at once. */
final class EmptyBody implements Body {
    static final EmptyBody INSTANCE = new EmptyBody();

    private EmptyBody() {
    }

    @Override
    public long contentLength() {
        return 0;
    }

    @Override
    public void subscribe(BodySubscriber subscriber) {
        subscriber.onStart(Flow.NONE);
        subscriber.onEnd(EmptyHttpHeaders.INSTANCE);
    }

    @Override
    public void discard() {
    }
}

package dev.gatehouse.core;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * Receives a {@link Body}'s chunks, in order, on the exchange's event loop.
 *
 * <p>Ownership rule: every chunk passed to {@link #onData} belongs to the subscriber, which must forward it or
 * release it.
 */
public interface BodySubscriber {
    /**
     * Called once, before any data.
     *
     * @param flow the producer's flow control
     */
    void onStart(Flow flow);

    /**
     * One chunk of the body.
     *
     * @param chunk the bytes; the subscriber now owns them
     */
    void onData(ByteBuf chunk);

    /**
     * The body ended normally.
     *
     * @param trailers trailing headers, empty when there are none
     */
    void onEnd(HttpHeaders trailers);

    /**
     * The last chunk and the end together: {@link #onData} then {@link #onEnd}. A subscriber that writes to a
     * socket overrides it to flush once for both instead of once each.
     *
     * @param chunk    the bytes; the subscriber now owns them
     * @param trailers trailing headers, empty when there are none
     */
    default void onLast(ByteBuf chunk, HttpHeaders trailers) {
        onData(chunk);
        onEnd(trailers);
    }

    /**
     * The body failed; no more calls follow.
     *
     * @param cause what went wrong
     */
    void onError(Throwable cause);
}

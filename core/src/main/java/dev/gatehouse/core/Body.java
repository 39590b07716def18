package dev.gatehouse.core;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * A request or response body: a stream of reference-counted chunks with back-pressure, read at most once.
 *
 * <pre>
 *  producer (socket, upstream, memory) ──push──▶ Body ──onData──▶ BodySubscriber (socket writer, middleware)
 *                                       ◀──pause/resume/cancel (Flow)──┘
 * </pre>
 *
 * <p>One ownership rule: whoever holds a body forwards it (subscribes) or {@link #discard() discards} it. The
 * server discards what is left when an exchange ends, so a middleware that answers by itself may ignore the
 * request body. Streaming bodies (SSE, chunked, WebSocket) are never buffered unless a middleware asks, with
 * {@link #aggregate}.
 */
public interface Body {
    /** @return the length in bytes when known in advance, or -1 */
    long contentLength();

    /**
     * Starts reading. Callable once; a second call fails the second subscriber.
     *
     * @param subscriber where the chunks go
     */
    void subscribe(BodySubscriber subscriber);

    /** Releases the body without reading it. Idempotent, and a no-op once subscribed. */
    void discard();

    /** @return true when the body is known to have no bytes */
    default boolean isEmpty() {
        return contentLength() == 0;
    }

    /** @return the empty body */
    static Body empty() {
        return EmptyBody.INSTANCE;
    }

    /**
     * A body of one buffer.
     *
     * @param content the bytes; the body takes ownership
     * @return the body
     */
    static Body of(ByteBuf content) {
        return new BufferedBody(content);
    }

    /**
     * A body of a UTF-8 string.
     *
     * @param text the text
     * @return the body
     */
    static Body of(String text) {
        return of(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A body of bytes.
     *
     * @param bytes the bytes, not copied
     * @return the body
     */
    static Body of(byte[] bytes) {
        return of(Unpooled.wrappedBuffer(bytes));
    }

    /**
     * Reads the whole body into one buffer, up to a limit.
     *
     * @param maxBytes the largest body accepted
     * @param callback gets the bytes (owned by the callback) or an error; {@link BodyTooLargeException} when
     *                 the body passes {@code maxBytes}
     */
    default void aggregate(int maxBytes, BiConsumer<ByteBuf, Throwable> callback) {
        subscribe(new AggregatingSubscriber(maxBytes, callback));
    }
}

package dev.gatehouse.traffic.testing;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.BodySubscriber;
import dev.gatehouse.core.Flow;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a body chunk by chunk, copying and releasing every chunk. */
public final class Collected implements BodySubscriber {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final List<byte[]> chunks = new ArrayList<>();
    private Flow flow;
    private boolean ended;
    private Throwable error;

    /**
     * @param body the body to read
     * @return the collector, subscribed
     */
    public static Collected from(Body body) {
        Collected c = new Collected();
        body.subscribe(c);
        return c;
    }

    /**
     * @param body a body that is read synchronously
     * @return its text
     */
    public static String text(Body body) {
        Collected c = from(body);
        if (!c.ended) {
            throw new AssertionError("body did not end: " + c.error);
        }
        return c.text();
    }

    @Override
    public void onStart(Flow flow) {
        this.flow = flow;
    }

    @Override
    public void onData(ByteBuf chunk) {
        byte[] b = new byte[chunk.readableBytes()];
        chunk.readBytes(b);
        chunk.release();
        chunks.add(b);
        bytes.writeBytes(b);
    }

    @Override
    public void onEnd(HttpHeaders trailers) {
        ended = true;
    }

    @Override
    public void onError(Throwable cause) {
        error = cause;
    }

    /** @return every byte so far */
    public byte[] bytes() {
        return bytes.toByteArray();
    }

    /** @return the chunks so far */
    public List<byte[]> chunks() {
        return chunks;
    }

    /** @return the bytes so far as UTF-8 */
    public String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** @return true once the body ended */
    public boolean ended() {
        return ended;
    }

    /** @return the failure, or null */
    public Throwable error() {
        return error;
    }

    /** @return the producer's flow */
    public Flow flow() {
        return flow;
    }
}

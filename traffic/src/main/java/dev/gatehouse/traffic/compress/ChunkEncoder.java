package dev.gatehouse.traffic.compress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.compression.BrotliEncoder;
import io.netty.handler.codec.compression.JdkZlibEncoder;
import io.netty.handler.codec.compression.ZlibWrapper;
import io.netty.handler.codec.compression.ZstdEncoder;

/**
 * One response's compressor: Netty's encoder driven through an {@link EmbeddedChannel}. Every chunk is written
 * and flushed, so what the upstream sent so far always reaches the client (gzip sync-flushes, Brotli flushes,
 * zstd emits a frame per flush); streaming responses stay streaming. Not thread-safe: one exchange, one loop.
 */
final class ChunkEncoder {
    static final String GZIP = "gzip";
    static final String BROTLI = "br";
    static final String ZSTD = "zstd";

    private final EmbeddedChannel channel;
    private boolean closed;

    private ChunkEncoder(ChannelHandler encoder) {
        this.channel = new EmbeddedChannel(encoder);
    }

    /**
     * @param encoding {@code gzip}, {@code br} or {@code zstd}
     * @return a fresh encoder
     */
    static ChunkEncoder of(String encoding) {
        return switch (encoding) {
            case GZIP -> new ChunkEncoder(new JdkZlibEncoder(ZlibWrapper.GZIP, 6));
            case BROTLI -> new ChunkEncoder(new BrotliEncoder());
            case ZSTD -> new ChunkEncoder(new ZstdEncoder());
            default -> throw new IllegalArgumentException("unknown encoding " + encoding);
        };
    }

    /**
     * Compresses a chunk and flushes.
     *
     * @param chunk the bytes; the encoder takes ownership
     * @return the compressed bytes so far (possibly empty); the caller owns them
     */
    ByteBuf encode(ByteBuf chunk) {
        if (closed) {
            chunk.release();
            throw new IllegalStateException("encoder closed");
        }
        channel.writeOutbound(chunk);
        return drain();
    }

    /** @return the end of the compressed stream; the caller owns it. The encoder is closed afterwards. */
    ByteBuf finish() {
        closed = true;
        channel.finish();
        return drain();
    }

    /** Drops everything the encoder holds. Idempotent. */
    void close() {
        if (!closed) {
            closed = true;
            channel.finishAndReleaseAll();
        }
    }

    private ByteBuf drain() {
        ByteBuf first = channel.readOutbound();
        if (first == null) {
            return Unpooled.EMPTY_BUFFER;
        }
        ByteBuf more = channel.readOutbound();
        if (more == null) {
            return first;
        }
        CompositeByteBuf all = channel.alloc().compositeBuffer();
        all.addComponent(true, first);
        do {
            all.addComponent(true, more);
        } while ((more = channel.readOutbound()) != null);
        return all;
    }
}

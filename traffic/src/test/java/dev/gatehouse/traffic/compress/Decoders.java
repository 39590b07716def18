package dev.gatehouse.traffic.compress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.compression.BrotliDecoder;
import io.netty.handler.codec.compression.JdkZlibDecoder;
import io.netty.handler.codec.compression.ZlibWrapper;
import io.netty.handler.codec.compression.ZstdDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Incremental decoders for round-trip tests: feed compressed chunks, read what decodes so far. */
final class Decoders implements AutoCloseable {
    private final EmbeddedChannel channel;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Decoders(String encoding) {
        ChannelHandler h = switch (encoding) {
            case "gzip" -> new JdkZlibDecoder(ZlibWrapper.GZIP, 0);
            case "br" -> new BrotliDecoder();
            case "zstd" -> new ZstdDecoder();
            default -> throw new IllegalArgumentException(encoding);
        };
        channel = new EmbeddedChannel(h);
    }

    static String decode(String encoding, byte[] compressed) {
        try (Decoders d = new Decoders(encoding)) {
            d.feed(compressed);
            return d.text();
        }
    }

    Decoders feed(byte[] compressed) {
        channel.writeInbound(Unpooled.wrappedBuffer(compressed));
        ByteBuf b;
        while ((b = channel.readInbound()) != null) {
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            b.release();
            out.writeBytes(bytes);
        }
        return this;
    }

    String text() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }
}

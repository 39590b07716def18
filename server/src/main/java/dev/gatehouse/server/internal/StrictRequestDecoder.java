package dev.gatehouse.server.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;

/**
 * Netty's request decoder, made strict where a proxy must be: bare LF line endings, obsolete header folding and
 * a Content-Length next to a chunked Transfer-Encoding are refused instead of repaired, because a backend could
 * repair them differently (request smuggling). It also tells the connection when request bytes arrive, for the
 * read and idle timeouts.
 */
final class StrictRequestDecoder extends HttpRequestDecoder {
    /** Told when bytes arrive. */
    interface Activity {
        /** Some request bytes arrived. */
        void bytesReceived();
    }

    private final Activity activity;
    /** True while the decoder is before or inside a request head. */
    private boolean inHead = true;
    /** True once the current head's request line was consumed: from then on a line cannot start with blanks. */
    private boolean requestLineDone;
    private boolean failed;
    /** Bytes past the reader index already scanned for obs-fold, and the scanner's state at that point. */
    private int scanned;
    private boolean scanLineStart = true;
    private boolean scanAfterRequestLine;
    private boolean scanLineHasContent;
    private boolean scanHeadEnded;

    StrictRequestDecoder(Limits limits, Activity activity) {
        super(new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxInitialLineLength())
                .setMaxHeaderSize(limits.maxHeaderSize())
                .setMaxChunkSize(limits.maxChunkSize())
                .setStrictLineParsing(true)
                .setAllowDuplicateContentLengths(false)
                .setValidateHeaders(true)
                .setHeadersFactory(RequestHeaderNames.FACTORY)
                .setAllowPartialChunks(true));
        this.activity = activity;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf b && b.isReadable()) {
            activity.bytesReceived();
        }
        super.channelRead(ctx, msg);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (inHead && hasFoldedLine(in)) {
            failed = true;
            in.skipBytes(in.readableBytes());
            DefaultFullHttpRequest bad = new DefaultFullHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, "/",
                    Unpooled.EMPTY_BUFFER);
            bad.setDecoderResult(DecoderResult.failure(new Rejection(400, "obsolete header line folding")));
            out.add(bad);
            return;
        }
        int start = in.readerIndex();
        int before = out.size();
        super.decode(ctx, in, out);
        scanned = Math.max(0, scanned - (in.readerIndex() - start));
        for (int i = before; i < out.size(); i++) {
            Object o = out.get(i);
            if (o instanceof HttpMessage) {
                inHead = false;
            }
            if (o instanceof LastHttpContent) {
                inHead = true;
                requestLineDone = false;
                resetScan();
            }
        }
        if (inHead && !requestLineDone && consumedContent(in, start)) {
            requestLineDone = true;
        }
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        // Netty would drop the Content-Length and go on; a proxy must refuse the ambiguity (RFC 9112 6.1).
        throw new Rejection(400, "both Content-Length and Transfer-Encoding");
    }

    /** Did the decoder consume a line with content (the request line) since {@code start}? */
    private static boolean consumedContent(ByteBuf in, int start) {
        for (int i = start; i < in.readerIndex(); i++) {
            if (!isBlankOrEol(in.getByte(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Scans the unconsumed part of the head for a line that starts with a space or tab (obs-fold). The decoder
     * consumes whole lines only, so the first unconsumed byte always starts a line. The scan resumes where
     * the last one stopped, so a head that arrives in many small reads costs linear time, not quadratic.
     */
    private boolean hasFoldedLine(ByteBuf in) {
        if (scanHeadEnded) {
            return false;
        }
        scanAfterRequestLine |= requestLineDone;
        int end = in.writerIndex();
        for (int i = in.readerIndex() + scanned; i < end; i++) {
            byte b = in.getByte(i);
            if (scanLineStart && scanAfterRequestLine) {
                if (b == ' ' || b == '\t') {
                    return true;
                }
                if (b == '\r' || b == '\n') {
                    scanHeadEnded = true; // the blank line: what follows is body or the next request
                    scanned = i - in.readerIndex();
                    return false;
                }
            }
            if (b == '\n') {
                if (scanLineHasContent) {
                    scanAfterRequestLine = true;
                }
                scanLineStart = true;
                scanLineHasContent = false;
            } else {
                scanLineStart = false;
                if (!isBlankOrEol(b)) {
                    scanLineHasContent = true;
                }
            }
        }
        scanned = end - in.readerIndex();
        return false;
    }

    private void resetScan() {
        scanned = 0;
        scanLineStart = true;
        scanAfterRequestLine = false;
        scanLineHasContent = false;
        scanHeadEnded = false;
    }

    private static boolean isBlankOrEol(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}

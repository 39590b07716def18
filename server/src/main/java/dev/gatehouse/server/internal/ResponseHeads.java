package dev.gatehouse.server.internal;

import dev.gatehouse.core.ContentLengths;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/** Builds response heads: framing decided here, never trusted from upstream headers. */
final class ResponseHeads {
    private ResponseHeads() {
    }

    /** @return true when a response with this status to this method never has a body */
    static boolean bodyless(int status, boolean head) {
        return head || status < 200 || status == 204 || status == 304;
    }

    /** {@link #scan} found a connection-specific header. */
    static final int HAS_CONNECTION_HEADER = 1;
    /** {@link #scan} found exactly one {@code Content-Length}. */
    static final int ONE_CONTENT_LENGTH = 2;
    /** {@link #scan} found more than one {@code Content-Length}. */
    static final int SEVERAL_CONTENT_LENGTHS = 4;

    /**
     * One pass over a response's header names, comparing lengths first: most responses carry no connection
     * header (an upstream's were removed as it was read) and one Content-Length, and finding that out this way
     * is cheaper than a hashed, case-folding removal or lookup per name.
     *
     * @param h           the response headers
     * @param keepUpgrade true when {@code Upgrade} stays (a 101 that starts a tunnel)
     * @return {@link #HAS_CONNECTION_HEADER}, {@link #ONE_CONTENT_LENGTH} and {@link #SEVERAL_CONTENT_LENGTHS}
     *         bits
     */
    static int scan(HttpHeaders h, boolean keepUpgrade) {
        int flags = 0;
        int lengths = 0;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = h.iteratorCharSequence(); it.hasNext(); ) {
            CharSequence name = it.next().getKey();
            boolean connection = switch (name.length()) {
                case 7 -> !keepUpgrade && AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.UPGRADE);
                case 10 -> AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.CONNECTION)
                        || AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.KEEP_ALIVE);
                case 14 -> {
                    if (AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.CONTENT_LENGTH)) {
                        lengths++;
                    }
                    yield false;
                }
                case 16 -> AsciiString.contentEqualsIgnoreCase(name, HeaderNames.PROXY_CONNECTION);
                case 17 -> AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.TRANSFER_ENCODING);
                default -> false;
            };
            if (connection) {
                flags |= HAS_CONNECTION_HEADER;
            }
        }
        return flags | (lengths == 1 ? ONE_CONTENT_LENGTH : lengths > 1 ? SEVERAL_CONTENT_LENGTHS : 0);
    }

    /**
     * Removes the connection-specific headers a handler or an upstream may have left on a response.
     *
     * @param h           the response headers
     * @param keepUpgrade true when {@code Upgrade} stays
     * @param scanned     what {@link #scan} found in {@code h}
     */
    static void stripConnectionHeaders(HttpHeaders h, boolean keepUpgrade, int scanned) {
        if ((scanned & HAS_CONNECTION_HEADER) == 0) {
            return;
        }
        h.remove(HttpHeaderNames.TRANSFER_ENCODING);
        h.remove(HttpHeaderNames.KEEP_ALIVE);
        h.remove(HeaderNames.PROXY_CONNECTION);
        h.remove(HttpHeaderNames.CONNECTION);
        if (!keepUpgrade) {
            h.remove(HttpHeaderNames.UPGRADE);
        }
    }

    /**
     * Sets {@code Content-Length}, unless its only value already says exactly that (an upstream's own header,
     * the usual case): that saves a removal, a boxed number and its text per response.
     *
     * @param h       the response headers
     * @param length  the body's length
     * @param scanned what {@link #scan} found in {@code h}
     */
    static void setContentLength(HttpHeaders h, long length, int scanned) {
        if ((scanned & ONE_CONTENT_LENGTH) != 0 && isDecimal(h.get(HttpHeaderNames.CONTENT_LENGTH), length)) {
            return;
        }
        h.set(HttpHeaderNames.CONTENT_LENGTH, Long.toString(length));
    }

    /** @return true when {@code text} is exactly the decimal form of {@code value} (no sign, no leading zero) */
    static boolean isDecimal(String text, long value) {
        return value >= 0 && ContentLengths.parse(text) == value && (text.length() == 1 || text.charAt(0) != '0');
    }

    /** @return an interim {@code 100 Continue} */
    static FullHttpResponse continue100() {
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER);
    }

    /**
     * A small error response the server produces by itself.
     *
     * @param version the protocol version to answer with
     * @param status  the status
     * @param close   true to add {@code Connection: close}
     * @return the response
     */
    static FullHttpResponse error(HttpVersion version, int status, boolean close) {
        HttpResponseStatus s = HttpResponseStatus.valueOf(status);
        ByteBuf body = Unpooled.copiedBuffer(s.code() + " " + s.reasonPhrase() + "\n", StandardCharsets.UTF_8);
        DefaultFullHttpResponse r = new DefaultFullHttpResponse(version, s, body);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        if (close) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return r;
    }
}

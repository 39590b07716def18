package dev.gatehouse.server.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Builds response heads: framing decided here, never trusted from upstream headers. */
final class ResponseHeads {
    private ResponseHeads() {
    }

    /** @return true when a response with this status to this method never has a body */
    static boolean bodyless(int status, boolean head) {
        return head || status < 200 || status == 204 || status == 304;
    }

    /** Removes the connection-specific headers a handler or an upstream may have left on a response. */
    static void stripConnectionHeaders(HttpHeaders h, boolean keepUpgrade) {
        h.remove(HttpHeaderNames.TRANSFER_ENCODING);
        h.remove(HttpHeaderNames.KEEP_ALIVE);
        h.remove(HeaderNames.PROXY_CONNECTION);
        h.remove(HttpHeaderNames.CONNECTION);
        if (!keepUpgrade) {
            h.remove(HttpHeaderNames.UPGRADE);
        }
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

package dev.gatehouse.server.internal;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.net.BatchedFlush;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Writes a ready response's head and starts streaming its body. Framing is decided here from the body, not
 * from whatever framing headers an upstream sent: Content-Length when the body knows its length, chunked
 * otherwise (HTTP/1.1), or end-of-connection for an HTTP/1.0 client.
 */
final class ResponseStarter {
    private ResponseStarter() {
    }

    static void start(HttpBridge bridge, Exchange ex, HttpResponse resp) {
        Channel ch = bridge.channel();
        boolean h2 = bridge.isHttp2();
        int status = resp.status();
        HttpHeaders h = resp.headers();
        Body body = resp.body();
        boolean tunnel = !h2 && ex.upgrade && status == 101;
        if (ex.upgrade && !tunnel && ex.requestDone && ex.body != null) {
            // Not switching protocols after all: the request body the tunnel would have fed ends here.
            ex.body.end(null);
        }
        if (status < 200 && !tunnel) {
            // A final response is needed; an interim status from a handler cannot be one.
            body.discard();
            status = 502;
            h = new io.netty.handler.codec.http.DefaultHttpHeaders();
            body = Body.empty();
        }
        ex.status = status;
        int scanned = ResponseHeads.scan(h, tunnel);
        ResponseHeads.stripConnectionHeaders(h, tunnel, scanned);
        if (tunnel) {
            startTunnel(bridge, ex, h, body);
            return;
        }
        boolean bodyless = ResponseHeads.bodyless(status, ex.head);
        boolean http10 = "HTTP/1.0".equals(ex.protocol);
        boolean chunked = false;
        if (bodyless) {
            if (status == 204 || status < 200) {
                h.remove(HttpHeaderNames.CONTENT_LENGTH);
            }
        } else {
            long len = body.contentLength();
            if (len >= 0) {
                ResponseHeads.setContentLength(h, len, scanned);
            } else {
                h.remove(HttpHeaderNames.CONTENT_LENGTH);
                if (!h2) {
                    if (http10) {
                        bridge.closeAfterResponse();
                    } else {
                        chunked = true;
                        h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                    }
                }
            }
        }
        if (!h2) {
            if (bridge.mustClose()) {
                h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            } else if (http10) {
                h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
        }
        if (h2 && !bodyless && body.contentLength() == 0) {
            // One HEADERS frame with END_STREAM: a gRPC error is "trailers-only" (grpc-status in the only
            // HEADERS frame), and clients reject it when an empty DATA frame ends the stream instead.
            body.discard();
            h.remove(HttpHeaderNames.CONTENT_LENGTH);
            ch.writeAndFlush(new io.netty.handler.codec.http.DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(status), io.netty.buffer.Unpooled.EMPTY_BUFFER, h,
                    io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE))
                    .addListener((ChannelFutureListener) f -> bridge.responseWritten(ex, f.isSuccess()));
            return;
        }
        ch.write(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), h));
        if (bodyless) {
            body.discard();
            ch.write(LastHttpContent.EMPTY_LAST_CONTENT)
                    .addListener((ChannelFutureListener) f -> bridge.responseWritten(ex, f.isSuccess()));
            BatchedFlush.flushSoon(ch);
            return;
        }
        ResponseWriter w = new ResponseWriter(ch, ex, false, chunked || h2, ok -> bridge.responseWritten(ex, ok));
        ex.writer = w;
        if (body.contentLength() < 0) {
            // A streamed body may not produce its first chunk for a while; the client sees the head now.
            ch.flush();
        }
        body.subscribe(w);
    }

    private static void startTunnel(HttpBridge bridge, Exchange ex, HttpHeaders h, Body body) {
        Channel ch = bridge.channel();
        h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        if (!h.contains(HttpHeaderNames.UPGRADE)) {
            h.set(HttpHeaderNames.UPGRADE, ex.request.headers().get(HttpHeaderNames.UPGRADE));
        }
        ch.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS,
                Unpooled.EMPTY_BUFFER, h, EmptyHttpHeaders.INSTANCE));
        bridge.switchToTunnel(ex);
        ResponseWriter w = new ResponseWriter(ch, ex, true, false, ok -> bridge.responseWritten(ex, ok));
        ex.writer = w;
        body.subscribe(w);
    }
}

package dev.gatehouse.server.internal;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.ExchangeObserver;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.StreamBody;
import dev.gatehouse.server.PathNormalizer;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a decoded, checked request head into an {@link Exchange} with the core {@code HttpRequest}. */
final class RequestPreparer {
    private static final String HTTP2_EXTENSION_PREFIX = "x-http2-";

    private RequestPreparer() {
    }

    /**
     * @param r      the decoded head
     * @param cfg    the listener
     * @param ch     the connection (HTTP/1) or stream (HTTP/2) channel
     * @param h2     true for HTTP/2
     * @param secure true over TLS
     * @param flows  makes the request body's flow control
     * @return the exchange, its request ready for the handler
     * @throws Rejection when the request must be refused
     */
    static Exchange prepare(HttpRequest r, ListenerConfig cfg, Channel ch, String ip, boolean h2, boolean secure,
                            HttpBridge.RequestFlowFactory flows) {
        RequestChecks.Facts facts = RequestChecks.validate(r, !h2);
        HttpHeaders headers = r.headers();
        String target = r.uri();
        String authority = facts.host;
        int q = target.indexOf('?');
        String beforeQuery = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);
        PathNormalizer.Normalized path;
        if (beforeQuery.startsWith("/")) {
            path = normalize(beforeQuery);
        } else if (beforeQuery.equals("*") && r.method().equals(HttpMethod.OPTIONS)) {
            path = new PathNormalizer.Normalized("*", "*");
        } else if (!h2 && isAbsoluteForm(beforeQuery)) {
            // RFC 9112 3.2.2: the authority of an absolute-form target replaces Host.
            int start = beforeQuery.indexOf("://") + 3;
            int slash = beforeQuery.indexOf('/', start);
            authority = beforeQuery.substring(start, slash < 0 ? beforeQuery.length() : slash);
            if (authority.isEmpty() || authority.indexOf('@') >= 0) {
                throw new Rejection(400, "invalid request target");
            }
            headers.set(HttpHeaderNames.HOST, authority);
            path = normalize(slash < 0 ? "/" : beforeQuery.substring(slash));
        } else {
            throw new Rejection(400, "invalid request target");
        }
        if (authority == null) {
            authority = "";
        }
        boolean expectContinue = false;
        String expect = facts.expect ? headers.get(HttpHeaderNames.EXPECT) : null;
        if (expect != null) {
            if (!expect.equalsIgnoreCase("100-continue")) {
                throw new Rejection(417, "unsupported Expect");
            }
            headers.remove(HttpHeaderNames.EXPECT);
            expectContinue = !h2 && r.protocolVersion().equals(HttpVersion.HTTP_1_1);
        }
        boolean upgrade = !h2 && facts.upgrade && facts.connection && HeaderRewriter.isUpgrade(headers);
        boolean websocket = upgrade && HeaderRewriter.isWebSocket(headers);
        // Over HTTP/1 the checks left one Content-Length of digits and at most a chunked Transfer-Encoding.
        long length = h2 ? HttpUtil.getContentLength(r, -1L) : facts.contentLength;
        boolean chunked = !h2 && facts.transferEncoding;
        boolean hasBody = upgrade || (h2 ? !(r instanceof LastHttpContent) : chunked || length > 0);
        boolean keepAlive = h2 || (facts.connection ? HttpUtil.isKeepAlive(r)
                : r.protocolVersion().isKeepAliveDefault());
        HttpHeaders received = cfg.observer() == ExchangeObserver.NONE ? headers : headers.copy();
        if (h2) {
            removeHttp2Extensions(headers);
        }
        InetSocketAddress peer = (InetSocketAddress) ch.remoteAddress();
        if (facts.watched) {
            HeaderRewriter.removeHopByHop(headers, upgrade);
            HeaderRewriter.applyForwarded(headers, cfg.trusts(peer.getAddress()), ip, secure, websocket, authority,
                    cfg.serverName());
        } else {
            HeaderRewriter.setForwarded(headers, ip, secure, websocket, authority, cfg.serverName());
        }

        RequestContext rc = new RequestContext(ch.eventLoop(), ch.alloc(), peer, ip, cfg.name(), secure);
        rc.normalizedPath(path.decodedPath());
        String protocol = h2 ? "HTTP/2.0" : r.protocolVersion().text();
        Exchange ex = new Exchange(rc, r.method().name(), authority, target, protocol, received, upgrade,
                r.method().equals(HttpMethod.HEAD));
        ex.keepAlive = keepAlive;
        ex.expectContinue = expectContinue && hasBody;
        Body body;
        if (hasBody) {
            // contentLength frames the HTTP request; an upgrade's body stays open for the tunnel after it.
            // An HTTP/2 body need not declare its length (gRPC never does): unknown, not empty.
            ex.contentLength = chunked || (h2 && length < 0) ? -1 : Math.max(length, 0);
            ex.body = new StreamBody(flows.flowFor(ex), upgrade ? -1 : ex.contentLength);
            body = ex.body;
        } else {
            ex.contentLength = 0;
            body = Body.empty();
        }
        ex.request = new dev.gatehouse.core.HttpRequest(r.method(), secure ? "https" : "http", authority,
                path.rawPath(), query, headers, body, protocol);
        return ex;
    }

    private static PathNormalizer.Normalized normalize(String rawPath) {
        try {
            return PathNormalizer.normalize(rawPath);
        } catch (IllegalArgumentException e) {
            throw new Rejection(400, e.getMessage());
        }
    }

    private static boolean isAbsoluteForm(String target) {
        return target.regionMatches(true, 0, "http://", 0, 7) || target.regionMatches(true, 0, "https://", 0, 8);
    }

    private static void removeHttp2Extensions(HttpHeaders headers) {
        List<String> names = null;
        for (Map.Entry<String, String> e : headers) {
            if (e.getKey().regionMatches(true, 0, HTTP2_EXTENSION_PREFIX, 0, HTTP2_EXTENSION_PREFIX.length())) {
                if (names == null) {
                    names = new ArrayList<>(2);
                }
                names.add(e.getKey());
            }
        }
        if (names != null) {
            names.forEach(headers::remove);
        }
    }
}

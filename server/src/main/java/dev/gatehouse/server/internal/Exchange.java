package dev.gatehouse.server.internal;

import dev.gatehouse.core.ExchangeSummary;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.StreamBody;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;

/** The state of one request/response exchange on a connection (HTTP/1) or a stream (HTTP/2). */
final class Exchange {
    final RequestContext ctx;
    final String method;
    final String host;
    final String uri;
    final String protocol;
    final HttpHeaders receivedHeaders;
    final boolean upgrade;
    final boolean head;
    HttpRequest request;
    /** The request body as the server feeds it; null when the request has none. */
    StreamBody body;
    long contentLength = -1;
    ResponseWriter writer;
    int status;
    long requestBytes;
    long responseBytes;
    boolean requestDone;
    boolean responseStarted;
    boolean responseDone;
    /** The rest of the request body is dropped as it arrives. */
    boolean discardRest;
    boolean tunnel;
    boolean aborted;
    boolean finished;
    boolean keepAlive = true;
    boolean expectContinue;

    Exchange(RequestContext ctx, String method, String host, String uri, String protocol, HttpHeaders received,
             boolean upgrade, boolean head) {
        this.ctx = ctx;
        this.method = method;
        this.host = host;
        this.uri = uri;
        this.protocol = protocol;
        this.receivedHeaders = received;
        this.upgrade = upgrade;
        this.head = head;
    }

    /** @return the bytes of a fixed-length body still to come, or -1 when unknown */
    long remainingBytes() {
        return contentLength < 0 ? -1 : Math.max(0, contentLength - requestBytes);
    }

    /** Tells the observer about a request refused before it became an exchange. */
    static void reportRejected(ListenerConfig cfg, Channel ch, boolean secure, boolean h2,
                               io.netty.handler.codec.http.HttpRequest r, int status, String reason) {
        RequestContext rc = new RequestContext(ch.eventLoop(), ch.alloc(), (InetSocketAddress) ch.remoteAddress(),
                cfg.name(), secure);
        rc.errorDetail(reason);
        Exchange bad = new Exchange(rc, r.method().name(), r.headers().get("host", ""), r.uri(),
                h2 ? "HTTP/2.0" : r.protocolVersion().text(), r.headers(), false, false);
        bad.status = status;
        try {
            cfg.observer().exchangeCompleted(bad.summary());
        } catch (Throwable t) {
            java.util.logging.Logger.getLogger(Exchange.class.getName())
                    .log(java.util.logging.Level.WARNING, "exchange observer failed", t);
        }
    }

    ExchangeSummary summary() {
        return new ExchangeSummary(ctx, method, host, uri, protocol, receivedHeaders, status, requestBytes,
                responseBytes, System.nanoTime() - ctx.startNanos(), aborted);
    }
}

package dev.gatehouse.testing.exchange;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetSocketAddress;

/** An in-memory exchange: a request, a context and a terminal handler that records what reached it. */
public final class Exchange {
    private final RequestContext ctx;
    private final HttpRequest req;
    private HttpRequest seen;
    private int calls;
    private HttpHeaders upstreamResponseHeaders = new DefaultHttpHeaders();

    private Exchange(RequestContext ctx, HttpRequest req) {
        this.ctx = ctx;
        this.req = req;
    }

    /**
     * A request from 127.0.0.1 over plain HTTP.
     *
     * @param method the method
     * @param target path plus optional {@code ?query}, raw
     * @return the exchange
     */
    public static Exchange of(String method, String target) {
        return of(method, target, "10.0.0.1", false, null);
    }

    /**
     * A request.
     *
     * @param method   the method
     * @param target   path plus optional {@code ?query}, raw
     * @param clientIp the TCP peer
     * @param secure   whether the connection is TLS
     * @param loop     the event loop, or null
     * @return the exchange
     */
    public static Exchange of(String method, String target, String clientIp, boolean secure, EventLoop loop) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);
        HttpRequest req = new HttpRequest(HttpMethod.valueOf(method), secure ? "https" : "http", "example.com",
                path, query, new DefaultHttpHeaders(), Body.empty(), "HTTP/1.1");
        RequestContext ctx = new RequestContext(loop, null, new InetSocketAddress(clientIp, 41234), "web", secure);
        return new Exchange(ctx, req);
    }

    /** @return the request, to adjust before running */
    public HttpRequest request() {
        return req;
    }

    /** @return the context */
    public RequestContext context() {
        return ctx;
    }

    /**
     * Sets a request header.
     *
     * @param name  the name
     * @param value the value
     * @return this
     */
    public Exchange header(String name, String value) {
        req.headers().add(name, value);
        return this;
    }

    /**
     * Sets the authority (Host).
     *
     * @param authority the authority
     * @return this
     */
    public Exchange authority(String authority) {
        req.authority(authority);
        return this;
    }

    /**
     * Headers the terminal handler answers with.
     *
     * @param name  the name
     * @param value the value
     * @return this
     */
    public Exchange upstreamHeader(String name, String value) {
        upstreamResponseHeaders.add(name, value);
        return this;
    }

    /**
     * Runs a middleware in front of the recording handler; the response body is discarded.
     *
     * @param m the middleware
     * @return the response
     */
    public HttpResponse run(Middleware m) {
        HttpHandler terminal = (c, r) -> {
            calls++;
            seen = r;
            return HttpResponse.of(200, upstreamResponseHeaders, Body.empty());
        };
        HttpResponse resp = m.handle(ctx, req, terminal);
        resp.onReady(r -> r.body().discard());
        return resp;
    }

    /** @return true when the request reached the service */
    public boolean reachedService() {
        return calls > 0;
    }

    /** @return how many times the service was called */
    public int serviceCalls() {
        return calls;
    }

    /** @return the request as the service saw it, or null */
    public HttpRequest seen() {
        return seen;
    }
}

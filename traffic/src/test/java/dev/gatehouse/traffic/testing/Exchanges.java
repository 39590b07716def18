package dev.gatehouse.traffic.testing;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.RequestContext;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetSocketAddress;

/** In-memory exchanges for middleware tests. */
public final class Exchanges {
    private Exchanges() {
    }

    /** @return a context from 192.0.2.1 with no event loop */
    public static RequestContext ctx() {
        return ctx("192.0.2.1");
    }

    /**
     * @param clientIp the client's IP
     * @return a context with no event loop
     */
    public static RequestContext ctx(String clientIp) {
        return ctx(clientIp, null);
    }

    /**
     * @param clientIp the client's IP
     * @param loop     the event loop, or null
     * @return a context
     */
    public static RequestContext ctx(String clientIp, EventLoop loop) {
        return new RequestContext(loop, ByteBufAllocator.DEFAULT, new InetSocketAddress(clientIp, 40_000),
                "web", false);
    }

    /**
     * @param method  the method
     * @param path    the path
     * @param body    the body
     * @param headers name, value, name, value...
     * @return a request for host example.com
     */
    public static HttpRequest request(HttpMethod method, String path, Body body, String... headers) {
        HttpHeaders h = new DefaultHttpHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        return new HttpRequest(method, "http", "example.com", path, null, h, body, "HTTP/1.1");
    }

    /**
     * @param headers name, value, name, value...
     * @return a GET / with no body
     */
    public static HttpRequest get(String... headers) {
        return request(HttpMethod.GET, "/", Body.empty(), headers);
    }
}

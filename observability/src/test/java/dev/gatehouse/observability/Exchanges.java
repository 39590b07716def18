package dev.gatehouse.observability;

import dev.gatehouse.core.ExchangeSummary;
import dev.gatehouse.core.RequestContext;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;

/** Builds exchange summaries for tests, without a server. */
final class Exchanges {
    private Exchanges() {
    }

    static RequestContext ctx(String entryPoint, String router, String service, String upstream) {
        RequestContext ctx = new RequestContext(null, null, new InetSocketAddress("192.0.2.10", 40123),
                entryPoint, false);
        ctx.router(router);
        ctx.service(service);
        ctx.upstreamAddress(upstream);
        return ctx;
    }

    static ExchangeSummary summary(RequestContext ctx, String method, int status, long durationNanos,
                                   HttpHeaders headers) {
        return new ExchangeSummary(ctx, method, "example.com:8080", "/api/items?x=1", "HTTP/1.1",
                headers == null ? new DefaultHttpHeaders() : headers, status, 12, 345, durationNanos, false);
    }
}

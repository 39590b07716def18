package dev.gatehouse.upstream.internal;

import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.RequestContext;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** One server of a load balancer: forwards an exchange to it over its connection pool (HTTP/1.1 or HTTP/2). */
public final class Server {
    private final ServerEndpoint endpoint;
    private final int weight;
    private final boolean preservePath;
    private final boolean passHostHeader;
    private final ConnectionPool pool;
    private final ServerHealth health;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final String stickyValue;

    /**
     * @param endpoint       the parsed URL
     * @param weight         the wrr weight
     * @param preservePath   keep the URL's path
     * @param passHostHeader forward the client's Host
     * @param pool           connections to the server
     * @param health         the server's health
     */
    public Server(ServerEndpoint endpoint, int weight, boolean preservePath, boolean passHostHeader,
                  ConnectionPool pool, ServerHealth health) {
        this.endpoint = endpoint;
        this.weight = weight;
        this.preservePath = preservePath;
        this.passHostHeader = passHostHeader;
        this.pool = pool;
        this.health = health;
        this.stickyValue = StickyCookie.hash(endpoint.url());
    }

    /** @return the URL as configured */
    public String url() {
        return endpoint.url();
    }

    /** @return the weight */
    public int weight() {
        return weight;
    }

    /** @return the health */
    public ServerHealth health() {
        return health;
    }

    /** @return requests in flight, for p2c */
    public int inFlight() {
        return inFlight.get();
    }

    /** @return the sticky cookie value that points at this server */
    public String stickyValue() {
        return stickyValue;
    }

    /**
     * Forwards an exchange.
     *
     * @param ctx the exchange's context
     * @param req the request; its body is forwarded
     * @return the response, completed later on the exchange's loop
     */
    public HttpResponse forward(RequestContext ctx, HttpRequest req) {
        ctx.upstreamAddress(endpoint.url());
        inFlight.incrementAndGet();
        // HTTP/2 has no Upgrade: toward an h2c server the Connection/Upgrade pair is dropped like any hop-by-hop
        // header and the request goes as a plain one.
        String upgrade = pool.key().h2c() ? null : HopByHop.upgradeOf(req.headers());
        DefaultHttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, req.method(), target(req),
                headers(req, upgrade, ctx.clientIp()));
        HttpResponse response = HttpResponse.pending();
        Outcome outcome = new Outcome() {
            private boolean ended;

            @Override
            public void head(int status, Throwable notReached) {
                if (status >= 500) {
                    health.recordFailure();
                }
            }

            @Override
            public void ended() {
                if (!ended) {
                    ended = true;
                    inFlight.decrementAndGet();
                }
            }
        };
        if (pool.key().h2c()) {
            new Http2Exchange(ctx, req, head, response, pool, outcome).start();
        } else {
            // HTTP/1.1, or https where ALPN may still choose h2: the exchange then continues as a stream.
            new Http1Exchange(ctx, req, head, response, upgrade, pool, outcome).start();
        }
        return response;
    }

    private String target(HttpRequest req) {
        String path = endpoint.targetPath(req.path(), preservePath);
        String q = req.rawQuery();
        // Go's proxy (and so Traefik) turns semicolons in the query into ampersands.
        return q == null ? path : path + '?' + q.replace(';', '&');
    }

    private HttpHeaders headers(HttpRequest req, String upgrade, String clientIp) {
        String authority = req.authority();
        String host = passHostHeader && authority != null && !authority.isEmpty() ? authority : endpoint.authority();
        return UpstreamRequestHeaders.build(req.headers(), upgrade, clientIp, host, req.body().contentLength());
    }
}

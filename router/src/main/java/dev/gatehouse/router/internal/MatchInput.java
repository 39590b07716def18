package dev.gatehouse.router.internal;

import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.RequestContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The parts of one request that matchers read, each computed at most once per match call. The query is parsed
 * at most once per request (cached on the {@link RequestContext}, see {@link QueryParams}).
 */
public final class MatchInput {
    private final RequestContext ctx;
    private final HttpRequest req;
    private String host;
    private String path;
    private QueryParams query;
    private byte[] client;
    private boolean clientDone;

    /**
     * Creates the view.
     *
     * @param ctx the exchange; may be null in tests (then there is no client address and no cache)
     * @param req the request
     */
    public MatchInput(RequestContext ctx, HttpRequest req) {
        this.ctx = ctx;
        this.req = req;
    }

    /** @return the request host: lower-case, no port, no IPv6 brackets; "" when the client sent none */
    public String host() {
        String h = host;
        if (h == null) {
            h = req.host();
            host = h;
        }
        return h;
    }

    /**
     * The path rules match on: the server's normalised path when it computed one, else the request path with
     * Traefik's routing decoding (see {@link RoutingPath}).
     *
     * @return the routing path
     */
    public String path() {
        String p = path;
        if (p == null) {
            String normalized = ctx == null ? null : ctx.normalizedPath();
            p = normalized != null ? normalized : RoutingPath.of(req.path());
            path = p;
        }
        return p;
    }

    /** @return the request method's name as sent */
    public String method() {
        return req.method().name();
    }

    /**
     * The values of a header, one per field line.
     *
     * @param name the header name (case-insensitive)
     * @return the values; empty for {@code Host}, which Traefik's HTTP stack keeps out of the header map
     */
    public List<String> headerValues(String name) {
        if (name.equalsIgnoreCase("host")) {
            return List.of();
        }
        return req.headers().getAll(name);
    }

    /** @return the parsed query parameters */
    public QueryParams query() {
        QueryParams q = query;
        if (q == null) {
            q = QueryParams.of(ctx, req);
            query = q;
        }
        return q;
    }

    /** @return the TCP peer's address bytes (4 or 16), or null when unknown */
    public byte[] clientAddress() {
        if (!clientDone) {
            clientDone = true;
            InetSocketAddress a = ctx == null ? null : ctx.clientAddress();
            InetAddress ip = a == null ? null : a.getAddress();
            client = ip == null ? null : ip.getAddress();
        }
        return client;
    }
}

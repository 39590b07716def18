package dev.gatehouse.upstream.internal;

import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.StandardAttributes;
import java.util.Map;

/** {@code failover}: the main service while it is healthy, else the fallback; 503 when neither is. */
public final class FailoverHandler implements ServiceHandler {
    private final String name;
    private final ServiceHandler main;
    private final ServiceHandler fallback;

    /**
     * @param name     the qualified service name
     * @param main     the main service
     * @param fallback the fallback service
     */
    public FailoverHandler(String name, ServiceHandler main, ServiceHandler fallback) {
        this.name = name;
        this.main = main;
        this.fallback = fallback;
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req) {
        ctx.service(name);
        if (main.healthy()) {
            return main.handle(ctx, req);
        }
        if (fallback.healthy()) {
            return fallback.handle(ctx, req);
        }
        ctx.set(StandardAttributes.UPSTREAM_NOT_REACHED, new LoadBalancerHandler.NoServerException());
        return HttpResponse.text(503, "no available server");
    }

    @Override
    public boolean healthy() {
        return main.healthy() || fallback.healthy();
    }

    @Override
    public Map<String, String> serverStatus() {
        return Map.of();
    }
}

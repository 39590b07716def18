package dev.gatehouse.upstream.internal;

import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.StandardAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code weighted}: weighted round robin over child services, optionally sticky. With {@code healthCheck}
 * set, an unhealthy child is skipped and the service is healthy while any child is; without it children are
 * always taken as healthy, as in Traefik.
 */
public final class WeightedHandler implements ServiceHandler {
    /** One child with its weight. */
    public record Child(String name, ServiceHandler handler, int weight) {
    }

    private final String name;
    private final Child[] children;
    private final WrrSchedule wrr;
    private final StickyCookie sticky;
    private final boolean propagateHealth;
    private final Map<String, Child> byStickyValue = new HashMap<>();
    private final String[] stickyValues;

    /**
     * @param name            the qualified service name
     * @param children        the children
     * @param sticky          the sticky cookie, or null
     * @param propagateHealth whether children's health counts
     */
    public WeightedHandler(String name, List<Child> children, StickyCookie sticky, boolean propagateHealth) {
        this.name = name;
        this.children = children.toArray(Child[]::new);
        this.sticky = sticky;
        this.propagateHealth = propagateHealth;
        int[] w = new int[this.children.length];
        stickyValues = new String[w.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = this.children[i].weight();
            stickyValues[i] = StickyCookie.hash(this.children[i].name());
            byStickyValue.put(stickyValues[i], this.children[i]);
        }
        this.wrr = new WrrSchedule(w);
    }

    private boolean available(Child c) {
        return c.weight() > 0 && (!propagateHealth || c.handler().healthy());
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req) {
        ctx.service(name);
        if (sticky != null) {
            String v = sticky.valueIn(req.headers());
            Child c = v == null ? null : byStickyValue.get(v);
            if (c != null && available(c)) {
                return c.handler().handle(ctx, req);
            }
        }
        int i = wrr.next(idx -> available(children[idx]));
        if (i < 0) {
            ctx.set(StandardAttributes.UPSTREAM_NOT_REACHED, new LoadBalancerHandler.NoServerException());
            return HttpResponse.text(503, "no available server");
        }
        HttpResponse r = children[i].handler().handle(ctx, req);
        if (sticky != null) {
            String value = stickyValues[i];
            r.onReady(resp -> sticky.set(resp.headers(), value));
        }
        return r;
    }

    @Override
    public boolean healthy() {
        for (Child c : children) {
            if (available(c)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Map<String, String> serverStatus() {
        return Map.of();
    }
}

package dev.gatehouse.upstream.internal;

import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.StandardAttributes;
import java.io.IOException;
import java.io.Serial;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code loadBalancer}: picks a healthy server by {@code wrr} (Traefik's EDF weighted round robin) or
 * {@code p2c} (the less loaded of two random servers), honours a sticky cookie while its server is healthy,
 * and answers 503 {@code no available server} when none is healthy.
 */
public final class LoadBalancerHandler implements ServiceHandler {
    private final String name;
    private final Server[] servers;
    private final boolean p2c;
    private final WrrSchedule wrr;
    private final StickyCookie sticky;
    private final Map<String, Server> byStickyValue = new HashMap<>();
    private final Map<String, Server> byUrl = new HashMap<>();

    /** No healthy server was available. */
    static final class NoServerException extends IOException {
        @Serial
        private static final long serialVersionUID = 1L;

        NoServerException() {
            super("no available server");
        }
    }

    /**
     * @param name    the qualified service name
     * @param servers the servers
     * @param p2c     true for p2c, false for wrr
     * @param sticky  the sticky cookie, or null
     */
    public LoadBalancerHandler(String name, List<Server> servers, boolean p2c, StickyCookie sticky) {
        this.name = name;
        this.servers = servers.toArray(Server[]::new);
        this.p2c = p2c;
        this.sticky = sticky;
        int[] w = new int[this.servers.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = this.servers[i].weight();
            byStickyValue.put(this.servers[i].stickyValue(), this.servers[i]);
            byUrl.put(this.servers[i].url(), this.servers[i]);
        }
        this.wrr = new WrrSchedule(w);
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req) {
        ctx.service(name);
        Server chosen = null;
        boolean setCookie = sticky != null;
        if (sticky != null) {
            String v = sticky.valueIn(req.headers());
            if (v != null) {
                Server s = byStickyValue.get(v);
                // Cookies holding the plain URL (older Traefik) still work, and get rewritten.
                Server legacy = s == null ? byUrl.get(v) : null;
                Server hit = s != null ? s : legacy;
                if (hit != null && hit.weight() > 0 && hit.health().up()) {
                    chosen = hit;
                    setCookie = legacy != null;
                }
            }
        }
        if (chosen == null) {
            chosen = p2c ? pickP2c() : pickWrr();
        }
        if (chosen == null) {
            ctx.set(StandardAttributes.UPSTREAM_NOT_REACHED, new NoServerException());
            ctx.errorDetail("service " + name + ": no available server");
            return HttpResponse.text(503, "no available server");
        }
        HttpResponse r = chosen.forward(ctx, req);
        if (setCookie) {
            String value = chosen.stickyValue();
            r.onReady(resp -> sticky.set(resp.headers(), value));
        }
        return r;
    }

    private Server pickWrr() {
        int i = wrr.next(idx -> servers[idx].health().up());
        return i < 0 ? null : servers[i];
    }

    private Server pickP2c() {
        int n = servers.length;
        int[] healthy = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (servers[i].weight() > 0 && servers[i].health().up()) {
                healthy[count++] = i;
            }
        }
        if (count == 0) {
            return null;
        }
        if (count == 1) {
            return servers[healthy[0]];
        }
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int a = rnd.nextInt(count);
        int b = rnd.nextInt(count - 1);
        if (b >= a) {
            b++;
        }
        Server x = servers[healthy[a]];
        Server y = servers[healthy[b]];
        return y.inFlight() < x.inFlight() ? y : x;
    }

    @Override
    public boolean healthy() {
        for (Server s : servers) {
            if (s.weight() > 0 && s.health().up()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Map<String, String> serverStatus() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Server s : servers) {
            m.put(s.url(), s.health().up() ? "UP" : "DOWN");
        }
        return m;
    }
}

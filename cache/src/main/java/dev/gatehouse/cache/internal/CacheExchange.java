package dev.gatehouse.cache.internal;

import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.StandardAttributes;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One cacheable GET or HEAD through the cache.
 *
 * <pre>
 *  lookup ─▶ no matching variant ──────────────▶ miss (collapsed behind a fetch in flight, or fetch) ─▶ MISS
 *        └─▶ variant ─ fresh / allowed stale ──▶ serve (304 to a matching conditional)        ─▶ HIT / STALE
 *                    └ else, with validators ──▶ conditional fetch ─ 304 ─▶ refresh + serve ─▶ REVALIDATED
 *                                                                  ├ 5xx / unreachable ─▶ stale if allowed
 *                                                                  └ other ─▶ store, forward ─▶ MISS
 * </pre>
 */
public final class CacheExchange {
    /** How long a collapsed miss waits for the fetch it waits on, before going to the backend itself. */
    public static final long COLLAPSE_WAIT_MILLIS = 5000;

    static final String HIT = "HIT";
    static final String MISS = "MISS";
    static final String STALE = "STALE";
    static final String REVALIDATED = "REVALIDATED";
    static final String BYPASS = "BYPASS";

    private enum Use { FRESH, STALE_ALLOWED, NO }

    private final CacheSettings s;
    private final RequestContext ctx;
    private final HttpRequest req;
    private final HttpHandler next;
    private final String key;
    private final CacheControl rcc;
    private final boolean head;
    private final boolean requestNoCache;
    private final boolean requestNoStore;
    private final boolean authorized;

    /**
     * @param s    the settings
     * @param ctx  the exchange
     * @param req  a GET or HEAD request
     * @param next the rest of the chain
     */
    public CacheExchange(CacheSettings s, RequestContext ctx, HttpRequest req, HttpHandler next) {
        this.s = s;
        this.ctx = ctx;
        this.req = req;
        this.next = next;
        this.key = CacheKeys.primary(req);
        this.rcc = CacheControl.of(req.headers());
        this.head = req.method() == HttpMethod.HEAD;
        // §5.4: Pragma: no-cache counts only without a Cache-Control field.
        this.requestNoCache = rcc.has("no-cache") || (!req.headers().contains(HttpHeaderNames.CACHE_CONTROL)
                && req.headers().containsValue(HttpHeaderNames.PRAGMA, "no-cache", true));
        this.requestNoStore = rcc.has("no-store");
        // Taken now: a middleware after this one may remove Authorization (basicAuth's removeHeader).
        this.authorized = req.headers().contains(HttpHeaderNames.AUTHORIZATION);
    }

    /**
     * Looks the request up and answers it.
     *
     * @param mayCollapse false for a request that already waited behind another fetch
     * @return the response
     */
    public HttpResponse start(boolean mayCollapse) {
        CompletableFuture<List<StoredResponse>> f = s.store().variants(key).toCompletableFuture();
        if (f.isDone()) {
            return decide(f.isCompletedExceptionally() ? List.of() : f.join(), mayCollapse);
        }
        HttpResponse out = HttpResponse.pending();
        f.whenComplete((v, e) -> ctx.runOnLoop(
                () -> out.completeWith(decide(e == null ? v : List.of(), mayCollapse))));
        return out;
    }

    private HttpResponse decide(List<StoredResponse> variants, boolean mayCollapse) {
        StoredResponse entry = null;
        for (StoredResponse v : variants) {
            if (CacheKeys.matches(v, req)) {
                entry = v;
                break;
            }
        }
        if (entry != null) {
            long now = s.clock().millis();
            long age = Freshness.currentAge(entry, now);
            Use use = usability(entry, age, s.freshness().lifetime(entry));
            if (use != Use.NO) {
                return serve(entry, age, use == Use.FRESH ? HIT : STALE);
            }
            if (!rcc.has("only-if-cached") && entry.hasValidator()) {
                return revalidate(entry);
            }
        }
        if (rcc.has("only-if-cached")) {
            count(MISS);
            return Responses.gatewayTimeout(MISS);
        }
        return miss(mayCollapse);
    }

    /** §4.2.4, §5.2.1.1-3, §5.2.2.2/4/8/10. */
    private Use usability(StoredResponse entry, long age, long lifetime) {
        if (entry.noCache() || requestNoCache) {
            return Use.NO;
        }
        if (rcc.has("max-age") && age > rcc.seconds("max-age") * 1000) {
            return Use.NO;
        }
        if (rcc.has("min-fresh") && lifetime - age < rcc.seconds("min-fresh") * 1000) {
            return Use.NO;
        }
        if (lifetime > age) {
            return Use.FRESH;
        }
        if (entry.mustRevalidateWhenStale() || !rcc.has("max-stale")) {
            return Use.NO;
        }
        String limit = rcc.argument("max-stale");
        return limit.isEmpty() || age - lifetime <= rcc.seconds("max-stale") * 1000 ? Use.STALE_ALLOWED : Use.NO;
    }

    private HttpResponse serve(StoredResponse entry, long age, String status) {
        count(status);
        return Responses.fromStore(entry, age, status, head, Conditionals.notModified(req, entry));
    }

    private HttpResponse miss(boolean mayCollapse) {
        String label = requestNoStore ? BYPASS : MISS;
        boolean collapsible = mayCollapse && !head && !requestNoStore && !requestNoCache
                && !authorized && !Conditionals.isConditional(req);
        if (!collapsible) {
            return fetch(label, null);
        }
        HttpResponse waiting = HttpResponse.pending();
        AtomicBoolean resumed = new AtomicBoolean();
        // The give-up timer is cancelled once the leader lands, so a herd of waiters holds no timers.
        AtomicReference<Future<?>> timer = new AtomicReference<>();
        Runnable resume = () -> {
            if (resumed.compareAndSet(false, true)) {
                Future<?> t = timer.get();
                if (t != null) {
                    t.cancel(false);
                }
                ctx.runOnLoop(() -> waiting.completeWith(start(false)));
            }
        };
        Collapser.Flight flight = s.collapser().leadOrWait(key, resume);
        if (flight != null) {
            return fetch(label, flight);
        }
        if (ctx.eventLoop() != null) {
            timer.set(ctx.eventLoop().schedule(resume, COLLAPSE_WAIT_MILLIS, TimeUnit.MILLISECONDS));
            if (resumed.get()) {
                timer.get().cancel(false);
            }
        }
        return waiting;
    }

    private HttpResponse fetch(String label, Collapser.Flight flight) {
        long requestTime = s.clock().millis();
        HttpHeaders asReceived = receivedIfStorable(req.headers());
        HttpResponse resp;
        try {
            resp = next.handle(ctx, req);
        } catch (RuntimeException e) {
            land(flight);
            throw e;
        }
        resp.onReady(r -> fetched(r, requestTime, asReceived, label, flight));
        return resp;
    }

    /**
     * A fetched response: stored while it streams when it may be, and labelled.
     *
     * @param asReceived the request's fields as the cache received them (inner middlewares may change them); null
     *                   when nothing can be stored (HEAD, {@code no-store})
     */
    private void fetched(HttpResponse r, long requestTime, HttpHeaders asReceived, String label,
                         Collapser.Flight flight) {
        long responseTime = s.clock().millis();
        if (!head && !requestNoStore && Storability.storable(authorized, r, s)) {
            int status = r.status();
            HttpHeaders stored = Responses.toStore(r.headers(), s.storeSetCookie());
            Map<String, String> secondary = s.keys().secondary(asReceived, r.headers());
            r.body(new CapturingBody(r.body(), s.maxEntrySize(), content -> {
                s.store().store(key, new StoredResponse(status, stored, content, requestTime, responseTime,
                        secondary));
                land(flight);
            }, () -> land(flight)));
        } else {
            land(flight);
        }
        r.headers().set(Responses.CACHE_STATUS, label);
        count(label);
    }

    /**
     * A copy of the request's fields for the secondary key, taken only when the response may be stored: the
     * copy is read nowhere else.
     */
    private HttpHeaders receivedIfStorable(HttpHeaders h) {
        return head || requestNoStore ? null : new DefaultHttpHeaders().set(h);
    }

    private void land(Collapser.Flight flight) {
        if (flight != null) {
            s.collapser().land(key, flight);
        }
    }

    /** §4.3.1: the stored validators go upstream in place of the client's own; its own are answered here. */
    private HttpResponse revalidate(StoredResponse entry) {
        HttpHeaders h = req.headers();
        HttpHeaders asReceived = receivedIfStorable(h);
        HttpHeaders clients = new DefaultHttpHeaders();
        clients.set(HttpHeaderNames.IF_NONE_MATCH, h.getAll(HttpHeaderNames.IF_NONE_MATCH));
        clients.set(HttpHeaderNames.IF_MODIFIED_SINCE, h.getAll(HttpHeaderNames.IF_MODIFIED_SINCE));
        h.remove(HttpHeaderNames.IF_NONE_MATCH).remove(HttpHeaderNames.IF_MODIFIED_SINCE);
        if (entry.etag() != null) {
            h.set(HttpHeaderNames.IF_NONE_MATCH, entry.etag());
        }
        if (entry.lastModified() != null) {
            h.set(HttpHeaderNames.IF_MODIFIED_SINCE, entry.lastModified());
        }
        long requestTime = s.clock().millis();
        HttpResponse out = HttpResponse.pending();
        next.handle(ctx, req).onReady(r -> {
            h.remove(HttpHeaderNames.IF_NONE_MATCH).remove(HttpHeaderNames.IF_MODIFIED_SINCE).add(clients);
            out.completeWith(revalidated(entry, r, requestTime, asReceived));
        });
        return out;
    }

    private HttpResponse revalidated(StoredResponse entry, HttpResponse r, long requestTime,
                                     HttpHeaders asReceived) {
        long now = s.clock().millis();
        if (r.status() == 304) {
            String tag = r.headers().get(HttpHeaderNames.ETAG);
            r.body().discard();
            if (tag != null && !Conditionals.selects(tag, entry.etag())) {
                s.store().invalidate(key); // §4.3.4: it validates another response than the stored one
                return fetch(requestNoStore ? BYPASS : MISS, null);
            }
            StoredResponse refreshed = new StoredResponse(entry.status(),
                    Responses.refreshed(entry.headers(), r.headers()), entry.body(), requestTime, now,
                    entry.secondaryKey());
            CacheControl cc = refreshed.cacheControl();
            if (cc.has("no-store") || cc.has("private")) {
                s.store().invalidate(key);
            } else {
                s.store().store(key, refreshed);
            }
            return serve(refreshed, Freshness.currentAge(refreshed, now), REVALIDATED);
        }
        boolean unreachable = ctx.get(StandardAttributes.UPSTREAM_NOT_REACHED) != null;
        if (unreachable || r.status() >= 500) {
            // §4.3.3: a 5xx may be taken as the server failing to respond; §4.2.4 then allows stale content.
            if (!entry.mustRevalidateWhenStale() && !entry.noCache() && !requestNoCache) {
                r.body().discard();
                return serve(entry, Freshness.currentAge(entry, now), STALE);
            }
            if (unreachable && entry.mustRevalidateWhenStale()) {
                r.body().discard();
                count(MISS);
                return Responses.gatewayTimeout(MISS); // §5.2.2.2
            }
        }
        if (head && r.status() == 200) {
            freshenFromHead(entry, r, requestTime, now);
        }
        fetched(r, requestTime, asReceived, requestNoStore ? BYPASS : MISS, null);
        return r;
    }

    /**
     * §4.3.5: a 200 to a HEAD updates the stored GET response when their validators and Content-Length agree;
     * otherwise the stored response no longer describes the resource and is removed.
     */
    private void freshenFromHead(StoredResponse entry, HttpResponse r, long requestTime, long now) {
        HttpHeaders h = r.headers();
        String etag = h.get(HttpHeaderNames.ETAG);
        String modified = h.get(HttpHeaderNames.LAST_MODIFIED);
        String length = h.get(HttpHeaderNames.CONTENT_LENGTH);
        boolean validatorsMatch = (etag != null || modified != null)
                && (etag == null || Conditionals.selects(etag, entry.etag()))
                && (modified == null || modified.equals(entry.lastModified()));
        boolean lengthMatches = length == null || length.strip().equals(Integer.toString(entry.body().length));
        if (!validatorsMatch || !lengthMatches) {
            s.store().invalidate(key);
            return;
        }
        StoredResponse refreshed = new StoredResponse(entry.status(), Responses.refreshed(entry.headers(), h),
                entry.body(), requestTime, now, entry.secondaryKey());
        CacheControl cc = refreshed.cacheControl();
        if (cc.has("no-store") || cc.has("private")) {
            s.store().invalidate(key);
        } else {
            s.store().store(key, refreshed);
        }
    }

    private void count(String status) {
        s.requests().increment(s.name(), status);
    }
}

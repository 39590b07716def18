package dev.gatehouse.cache;

import static dev.gatehouse.cache.ScriptedBackend.Reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.testing.exchange.Exchange;
import org.junit.jupiter.api.Test;

/** The cache decides on the request as it received it, whatever middlewares after it change. */
class InnerChangesTest {
    private final CacheHarness h = new CacheHarness(new ScriptedBackend((req, n) -> req.method().name().equals("GET")
            ? Reply.of(200, "v" + n, "Cache-Control", "max-age=600", "Vary", "X-Inner")
            : Reply.of(204, "")));

    /** A middleware after the cache: drops Authorization, adds X-Inner and strips a /api prefix. */
    private HttpHandler inner() {
        return (ctx, req) -> {
            req.headers().remove("Authorization");
            req.headers().set("X-Inner", "set-by-inner");
            if (req.path().startsWith("/api")) {
                req.path(req.path().substring(4));
            }
            return h.backend.handle(ctx, req);
        };
    }

    private CacheHarness.Result send(String method, String target, String... headers) {
        Exchange ex = Exchange.of(method, target);
        for (int i = 0; i < headers.length; i += 2) {
            ex.header(headers[i], headers[i + 1]);
        }
        HttpResponse resp = h.cache.handle(ex.context(), ex.request(), inner());
        return CacheHarness.read(resp);
    }

    @Test
    void authorizationRemovedAfterTheCacheStillPreventsStoring_3_5() {
        send("GET", "/api/a", "Authorization", "Bearer alice");
        CacheHarness.Result other = send("GET", "/api/a");
        assertThat(other.cacheStatus()).isEqualTo("MISS");
        assertThat(other.body()).isEqualTo("v2");
    }

    @Test
    void secondaryKeyUsesTheRequestAsReceived_4_1() {
        send("GET", "/api/a");
        CacheHarness.Result second = send("GET", "/api/a");
        assertThat(second.cacheStatus()).isEqualTo("HIT");
        assertThat(h.backend.calls()).isEqualTo(1);
    }

    @Test
    void invalidationUsesTheTargetAsReceived_4_4() {
        send("GET", "/api/a");
        assertThat(send("GET", "/api/a").cacheStatus()).isEqualTo("HIT");
        send("POST", "/api/a");
        assertThat(send("GET", "/api/a").cacheStatus()).isEqualTo("MISS");
    }
}

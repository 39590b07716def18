package dev.gatehouse.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpResponseTest {
    private static Middleware tagging(String tag, List<String> order) {
        return (ctx, req, next) -> next.handle(ctx, req).onReady(r -> {
            order.add(tag);
            r.headers().add("x-tag", tag);
        });
    }

    @Test
    void listenersRunInnermostFirstForPendingResponse() {
        List<String> order = new ArrayList<>();
        HttpResponse[] pending = new HttpResponse[1];
        HttpHandler backend = (ctx, req) -> pending[0] = HttpResponse.pending();
        HttpHandler chain = Middleware.compose(List.of(tagging("outer", order), tagging("inner", order)), backend);
        HttpResponse r = chain.handle(null, null);
        assertThat(r.isReady()).isFalse();
        assertThat(order).isEmpty();
        pending[0].complete(200, new DefaultHttpHeaders(), Body.empty());
        assertThat(order).containsExactly("inner", "outer");
        assertThat(r.headers().getAll("x-tag")).containsExactly("inner", "outer");
    }

    @Test
    void listenersRunAtOnceForReadyResponse() {
        List<String> order = new ArrayList<>();
        HttpHandler chain = Middleware.compose(List.of(tagging("outer", order), tagging("inner", order)),
                (ctx, req) -> HttpResponse.of(204));
        HttpResponse r = chain.handle(null, null);
        assertThat(r.status()).isEqualTo(204);
        assertThat(order).containsExactly("inner", "outer");
    }

    @Test
    void completeWithAdoptsAnotherResponse() {
        HttpResponse outer = HttpResponse.pending();
        HttpResponse inner = HttpResponse.pending();
        outer.completeWith(inner);
        assertThat(outer.isReady()).isFalse();
        inner.complete(503, new DefaultHttpHeaders(), Body.empty());
        assertThat(outer.isReady()).isTrue();
        assertThat(outer.status()).isEqualTo(503);
    }

    @Test
    void hostOfStripsPortAndBrackets() {
        assertThat(Hosts.hostOf("Example.COM:8080")).isEqualTo("example.com");
        assertThat(Hosts.hostOf("[::1]:80")).isEqualTo("::1");
        assertThat(Hosts.hostOf("::1")).isEqualTo("::1");
        assertThat(Hosts.hostOf(null)).isEmpty();
    }
}

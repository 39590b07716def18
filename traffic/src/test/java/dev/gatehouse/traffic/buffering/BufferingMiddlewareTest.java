package dev.gatehouse.traffic.buffering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.Flow;
import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.StreamBody;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.traffic.testing.Collected;
import dev.gatehouse.traffic.testing.Exchanges;
import dev.gatehouse.traffic.testing.FakeBuildContext;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BufferingMiddlewareTest {
    private static final String PAYLOAD = "p".repeat(127);
    private final List<HttpRequest> seen = new ArrayList<>();
    private final List<String> bodies = new ArrayList<>();

    private static Middleware build(Long maxReq, Long maxResp) {
        return new BufferingFactory().create(new BufferingSpec(maxReq, null, maxResp, null, null),
                new FakeBuildContext());
    }

    /** Echoes the request body back, streamed in two chunks of unknown total length. */
    private final HttpHandler echo = (ctx, req) -> {
        seen.add(req);
        String body = Collected.text(req.body());
        bodies.add(body);
        StreamBody out = new StreamBody(Flow.NONE, -1);
        int half = body.length() / 2;
        out.push(Unpooled.copiedBuffer(body.substring(0, half), StandardCharsets.UTF_8));
        out.push(Unpooled.copiedBuffer(body.substring(half), StandardCharsets.UTF_8));
        out.end(null);
        DefaultHttpHeaders h = new DefaultHttpHeaders();
        h.set("Transfer-Encoding", "chunked");
        return HttpResponse.of(200, h, out);
    };

    private HttpResponse send(Middleware m, Body body) {
        RequestContext ctx = Exchanges.ctx();
        HttpRequest req = Exchanges.request(HttpMethod.POST, "/", body, "Transfer-Encoding", "chunked");
        HttpResponse r = m.handle(ctx, req, echo);
        assertThat(r.isReady()).isTrue();
        Collected.from(r.body());
        ctx.complete();
        return r;
    }

    private static Body streamed(String text) {
        StreamBody b = new StreamBody(Flow.NONE, -1);
        b.push(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        b.end(null);
        return b;
    }

    /** Traefik's TestBuffering table (max 0 = no limit). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Unlimited response and request body size|0|0|200",
        "Limited request body size|1|0|413",
        "Limited response body size|0|1|500",
    })
    void traefikCases(String desc, long maxReq, long maxResp, int expected) {
        assertThat(send(build(maxReq, maxResp), streamed(PAYLOAD)).status()).isEqualTo(expected);
        assertThat(send(build(maxReq, maxResp), Body.of(PAYLOAD)).status()).isEqualTo(expected);
    }

    @Test
    void bodiesTravelWithAContentLength() {
        HttpResponse r = send(build(1000L, 1000L), streamed(PAYLOAD));
        assertThat(r.status()).isEqualTo(200);
        HttpRequest upstreamSaw = seen.get(0);
        assertThat(upstreamSaw.headers().get("Content-Length")).isEqualTo("127");
        assertThat(upstreamSaw.headers().contains("Transfer-Encoding")).isFalse();
        assertThat(bodies).containsExactly(PAYLOAD);
        assertThat(r.headers().get("Content-Length")).isEqualTo("127");
        assertThat(r.headers().contains("Transfer-Encoding")).isFalse();
        assertThat(r.body().contentLength()).isEqualTo(127);
    }

    @Test
    void knownOversizedRequestIsRefusedWithoutCallingUpstream() {
        HttpResponse r = send(build(10L, null), Body.of(PAYLOAD));
        assertThat(r.status()).isEqualTo(413);
        assertThat(seen).isEmpty();
    }

    @Test
    void responseBodyIsHeldUntilComplete() {
        StreamBody out = new StreamBody(Flow.NONE, -1);
        RequestContext ctx = Exchanges.ctx();
        HttpResponse r = build(null, null).handle(ctx, Exchanges.get(),
                (c, req) -> HttpResponse.of(200, new DefaultHttpHeaders(), out));
        out.push(Unpooled.copiedBuffer("first ", StandardCharsets.UTF_8));
        assertThat(r.isReady()).isFalse();
        out.push(Unpooled.copiedBuffer("second", StandardCharsets.UTF_8));
        out.end(null);
        assertThat(r.isReady()).isTrue();
        assertThat(Collected.text(r.body())).isEqualTo("first second");
        ctx.complete();
    }

    @Test
    void retryExpressionIsNotSupported() {
        assertThatThrownBy(() -> new BufferingFactory().create(
                new BufferingSpec(null, null, null, null, "IsNetworkError() && Attempts() < 2"),
                new FakeBuildContext()))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("not supported yet");
        assertThatThrownBy(() -> build(-1L, null)).isInstanceOf(InvalidSpecException.class)
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("maxRequestBodyBytes");
    }
}

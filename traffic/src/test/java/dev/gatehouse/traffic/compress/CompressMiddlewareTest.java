package dev.gatehouse.traffic.compress;

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
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompressMiddlewareTest {
    private static final String TEXT = "The quick brown fox jumps over the lazy dog. ".repeat(100);

    private static Middleware build(CompressSpec spec) {
        return new CompressFactory().create(spec, new FakeBuildContext());
    }

    private static Middleware defaults() {
        return build(new CompressSpec(null, null, null, null, null));
    }

    private static HttpHandler upstream(int status, String body, String... headers) {
        return (ctx, req) -> {
            HttpHeaders h = new DefaultHttpHeaders();
            for (int i = 0; i < headers.length; i += 2) {
                h.add(headers[i], headers[i + 1]);
            }
            return HttpResponse.of(status, h, Body.of(body));
        };
    }

    private static HttpResponse send(Middleware m, HttpRequest req, HttpHandler next) {
        RequestContext ctx = Exchanges.ctx();
        HttpResponse r = m.handle(ctx, req, next);
        assertThat(r.isReady()).isTrue();
        return r;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "br", "zstd"})
    void roundTrip(String encoding) {
        HttpResponse r = send(defaults(), Exchanges.get("Accept-Encoding", encoding),
                upstream(200, TEXT, "Content-Type", "text/plain", "Content-Length", Integer.toString(TEXT.length()),
                        "Accept-Ranges", "bytes"));
        assertThat(r.headers().get("Content-Encoding")).isEqualTo(encoding);
        assertThat(r.headers().contains("Content-Length")).isFalse();
        assertThat(r.headers().contains("Accept-Ranges")).isFalse();
        assertThat(r.headers().get("Vary")).isEqualTo("Accept-Encoding");
        Collected c = Collected.from(r.body());
        assertThat(c.ended()).isTrue();
        assertThat(c.bytes().length).isLessThan(TEXT.length() / 4);
        assertThat(Decoders.decode(encoding, c.bytes())).isEqualTo(TEXT);
    }

    @Test
    void defaultPriorityIsZstdThenBrotliThenGzip() {
        HttpResponse r = send(defaults(), Exchanges.get("Accept-Encoding", "gzip, br, zstd"),
                upstream(200, TEXT));
        assertThat(r.headers().get("Content-Encoding")).isEqualTo("zstd");
        Collected.from(r.body());
    }

    @Test
    void smallKnownBodiesAreLeftAloneButVary() {
        HttpResponse r = send(defaults(), Exchanges.get("Accept-Encoding", "gzip"), upstream(200, "small"));
        assertThat(r.headers().contains("Content-Encoding")).isFalse();
        assertThat(r.headers().get("Vary")).isEqualTo("Accept-Encoding");
        assertThat(Collected.text(r.body())).isEqualTo("small");
    }

    @Test
    void responsesThatMustNotBeCompressed() {
        Middleware m = defaults();
        String[][] cases = {
            {"Content-Encoding", "br"},
            {"Content-Type", "application/grpc"},
            {"Content-Type", "application/grpc; charset=x"},
            {"Content-Type", "text/html; broken"},
        };
        for (String[] h : cases) {
            HttpResponse r = send(m, Exchanges.get("Accept-Encoding", "gzip"), upstream(200, TEXT, h));
            assertThat(r.headers().get("Content-Encoding")).as(h[1]).isIn(null, "br");
            assertThat(Collected.text(r.body())).isEqualTo(TEXT);
        }
        for (int status : new int[] {204, 304}) {
            HttpResponse r = send(m, Exchanges.get("Accept-Encoding", "gzip"),
                    (ctx, req) -> HttpResponse.of(status));
            assertThat(r.headers().contains("Content-Encoding")).isFalse();
        }
    }

    @Test
    void requestsThatMustNotBeCompressed() {
        Middleware m = defaults();
        List<HttpRequest> requests = List.of(
                Exchanges.request(HttpMethod.HEAD, "/", Body.empty(), "Accept-Encoding", "gzip"),
                Exchanges.get("Accept-Encoding", "gzip", "Content-Type", "application/grpc"),
                Exchanges.get(),
                Exchanges.get("Accept-Encoding", ""),
                Exchanges.get("Accept-Encoding", "identity"));
        for (HttpRequest req : requests) {
            HttpResponse r = send(m, req, upstream(200, TEXT));
            assertThat(r.headers().contains("Content-Encoding")).as(req.headers().toString()).isFalse();
            assertThat(r.headers().contains("Vary")).isFalse();
            assertThat(Collected.text(r.body())).isEqualTo(TEXT);
        }
    }

    @Test
    void defaultEncodingAppliesWithoutAcceptEncoding() {
        Middleware m = build(new CompressSpec(null, null, null, null, "gzip"));
        HttpResponse r = send(m, Exchanges.get(), upstream(200, TEXT));
        assertThat(r.headers().get("Content-Encoding")).isEqualTo("gzip");
        assertThat(Decoders.decode("gzip", Collected.from(r.body()).bytes())).isEqualTo(TEXT);
    }

    @Test
    void includedAndExcludedContentTypes() {
        Middleware incl = build(new CompressSpec(null, List.of("text/html", "application/json; charset=utf-8"),
                null, null, null));
        assertThat(encodingFor(incl, "text/html; charset=utf-8")).isEqualTo("gzip");
        assertThat(encodingFor(incl, "TEXT/HTML")).isEqualTo("gzip");
        assertThat(encodingFor(incl, "application/json; charset=utf-8")).isEqualTo("gzip");
        assertThat(encodingFor(incl, "application/json")).isNull();
        assertThat(encodingFor(incl, "text/plain")).isNull();

        Middleware excl = build(new CompressSpec(List.of("text/event-stream", "image/png"), null, null, null, null));
        assertThat(encodingFor(excl, "image/png")).isNull();
        assertThat(encodingFor(excl, "text/plain")).isEqualTo("gzip");
    }

    private static String encodingFor(Middleware m, String contentType) {
        HttpResponse r = send(m, Exchanges.get("Accept-Encoding", "gzip"),
                upstream(200, TEXT, "Content-Type", contentType));
        Collected.from(r.body());
        return r.headers().get("Content-Encoding");
    }

    @Test
    void unknownLengthIsBufferedUpToTheMinimumThenStreamed() {
        StreamBody upstreamBody = new StreamBody(Flow.NONE, -1);
        Middleware m = build(new CompressSpec(null, null, 100, List.of("gzip"), null));
        HttpResponse r = m.handle(Exchanges.ctx(), Exchanges.get("Accept-Encoding", "gzip"),
                (ctx, req) -> HttpResponse.of(200, new DefaultHttpHeaders(), upstreamBody));
        push(upstreamBody, "a".repeat(60));
        assertThat(r.isReady()).as("head waits until 100 bytes decide").isFalse();
        push(upstreamBody, "b".repeat(60));
        assertThat(r.isReady()).isTrue();
        assertThat(r.headers().get("Content-Encoding")).isEqualTo("gzip");

        Collected c = Collected.from(r.body());
        try (Decoders d = new Decoders("gzip")) {
            assertThat(d.feed(c.bytes()).text()).isEqualTo("a".repeat(60) + "b".repeat(60));
            int before = c.chunks().size();
            push(upstreamBody, "streaming");
            assertThat(c.chunks()).as("each upstream chunk is flushed at once").hasSize(before + 1);
            assertThat(d.feed(c.chunks().get(before)).text()).endsWith("streaming");
            upstreamBody.end(null);
            assertThat(c.ended()).isTrue();
        }
        assertThat(Decoders.decode("gzip", c.bytes())).isEqualTo("a".repeat(60) + "b".repeat(60) + "streaming");
    }

    @Test
    void unknownLengthBelowTheMinimumGoesOutAsItIs() {
        StreamBody upstreamBody = new StreamBody(Flow.NONE, -1);
        HttpResponse r = defaults().handle(Exchanges.ctx(), Exchanges.get("Accept-Encoding", "gzip"),
                (ctx, req) -> HttpResponse.of(200, new DefaultHttpHeaders(), upstreamBody));
        push(upstreamBody, "tiny");
        upstreamBody.end(null);
        assertThat(r.isReady()).isTrue();
        assertThat(r.headers().contains("Content-Encoding")).isFalse();
        assertThat(r.headers().get("Content-Length")).isEqualTo("4");
        assertThat(Collected.text(r.body())).isEqualTo("tiny");
    }

    @Test
    void eventStreamsAreCompressedFromTheFirstEvent() {
        StreamBody upstreamBody = new StreamBody(Flow.NONE, -1);
        HttpHeaders h = new DefaultHttpHeaders().set("Content-Type", "text/event-stream");
        HttpResponse r = defaults().handle(Exchanges.ctx(), Exchanges.get("Accept-Encoding", "br"),
                (ctx, req) -> HttpResponse.of(200, h, upstreamBody));
        push(upstreamBody, "data: 1\n\n");
        assertThat(r.isReady()).isTrue();
        assertThat(r.headers().get("Content-Encoding")).isEqualTo("br");
        Collected c = Collected.from(r.body());
        try (Decoders d = new Decoders("br")) {
            assertThat(d.feed(c.bytes()).text()).isEqualTo("data: 1\n\n");
            upstreamBody.end(null);
        }
        assertThat(c.ended()).isTrue();
    }

    @Test
    void cancellingMidStreamReleasesTheEncoder() {
        StreamBody upstreamBody = new StreamBody(Flow.NONE, -1);
        RequestContext ctx = Exchanges.ctx();
        HttpResponse r = build(new CompressSpec(null, null, 1, List.of("zstd"), null)).handle(ctx,
                Exchanges.get("Accept-Encoding", "zstd"),
                (c, req) -> HttpResponse.of(200, new DefaultHttpHeaders(), upstreamBody));
        push(upstreamBody, TEXT);
        Collected c = Collected.from(r.body());
        c.flow().cancel();
        push(upstreamBody, "after cancel");
        ctx.complete();
        assertThat(c.ended()).isFalse();
        assertThat(upstreamBody.isClaimed()).isTrue();
    }

    @Test
    void invalidSpecs() {
        assertThatThrownBy(() -> build(new CompressSpec(List.of("a/b"), List.of("c/d"), null, null, null)))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("mutually exclusive");
        assertThatThrownBy(() -> build(new CompressSpec(null, null, null, List.of(), null)))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("at least one encoding");
        assertThatThrownBy(() -> build(new CompressSpec(null, null, null, List.of("deflate"), null)))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("unsupported encoding");
        assertThatThrownBy(() -> build(new CompressSpec(null, null, null, List.of("gzip"), "br")))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("unsupported default encoding");
        assertThatThrownBy(() -> build(new CompressSpec(List.of("text/"), null, null, null, null)))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("not a media type");
    }

    private static void push(StreamBody body, String text) {
        body.push(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }
}

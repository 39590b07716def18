package dev.gatehouse.middleware.headers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.testing.exchange.Exchange;
import dev.gatehouse.testing.exchange.TestBuildContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CORS cases ported from Traefik's header_test.go (preflight and simple requests). */
class HeadersCorsTest {
    private static Middleware build(HeadersSpecs s) {
        return new HeadersFactory().create(s.build(), TestBuildContext.simple());
    }

    private static Exchange preflight() {
        return Exchange.of("OPTIONS", "/foo").header("Access-Control-Request-Headers", "origin")
                .header("Access-Control-Request-Method", "GET").header("Origin", "https://foo.bar.org");
    }

    @Test
    void preflightIsAnsweredWithoutCallingTheService() {
        HeadersSpecs s = new HeadersSpecs();
        s.allowMethods = List.of("GET", "OPTIONS", "PUT");
        s.origins = List.of("*");
        s.allowHeaders = List.of("origin", "X-Forwarded-For");
        s.maxAge = 600L;
        Exchange ex = preflight();
        HttpResponse r = ex.run(build(s));

        assertThat(ex.reachedService()).isFalse();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(r.headers().get("Access-Control-Max-Age")).isEqualTo("600");
        assertThat(r.headers().get("Access-Control-Allow-Methods")).isEqualTo("GET,OPTIONS,PUT");
        assertThat(r.headers().get("Access-Control-Allow-Headers")).isEqualTo("origin,X-Forwarded-For");
        assertThat(r.headers().get("Content-Length")).isEqualTo("0");
        assertThat(r.headers().contains("Access-Control-Allow-Credentials")).isFalse();
    }

    @Test
    void credentialsWithWildcardsEchoTheRequest() {
        HeadersSpecs s = new HeadersSpecs();
        s.allowMethods = List.of("*");
        s.allowHeaders = List.of("*");
        s.origins = List.of("*");
        s.credentials = true;
        s.exposeHeaders = List.of("*");
        HttpResponse r = preflight().run(build(s));

        assertThat(r.headers().get("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(r.headers().get("Access-Control-Allow-Origin")).isEqualTo("https://foo.bar.org");
        assertThat(r.headers().get("Access-Control-Allow-Methods")).isEqualTo("GET");
        assertThat(r.headers().get("Access-Control-Allow-Headers")).isEqualTo("origin");
        assertThat(r.headers().contains("Access-Control-Expose-Headers")).isFalse();
        assertThat(r.headers().contains("Access-Control-Max-Age")).isFalse();
    }

    @Test
    void optionsWithoutCorsConfigIsNotHijacked() {
        HeadersSpecs s = new HeadersSpecs();
        s.customRequestHeaders = Map.of("foo", "bar");
        Exchange ex = preflight();
        HttpResponse r = ex.run(build(s));
        assertThat(ex.reachedService()).isTrue();
        assertThat(ex.seen().headers().get("foo")).isEqualTo("bar");
        assertThat(r.headers().contains("Access-Control-Allow-Origin")).isFalse();
    }

    @Test
    void simpleRequestsGetAllowOriginWhenAllowed() {
        HeadersSpecs exact = new HeadersSpecs();
        exact.origins = List.of("https://foo.bar.org");
        assertThat(acao(exact, "https://foo.bar.org")).isEqualTo("https://foo.bar.org");
        assertThat(acao(exact, "https://evil.org")).isNull();
        assertThat(acao(exact, null)).isNull();

        HeadersSpecs regex = new HeadersSpecs();
        regex.originRegexes = List.of("^https?://([a-z]+)\\.bar\\.org$");
        assertThat(acao(regex, "https://foo.bar.org")).isEqualTo("https://foo.bar.org");
        HeadersSpecs partial = new HeadersSpecs();
        partial.originRegexes = List.of("([a-z]+)\\.bar");
        assertThat(acao(partial, "https://foo.bar.org")).isEqualTo("https://foo.bar.org");
        HeadersSpecs noMatch = new HeadersSpecs();
        noMatch.originRegexes = List.of("([a-z]+)\\.bar\\.org");
        assertThat(acao(noMatch, "https://bar.org")).isNull();
    }

    @Test
    void wildcardOverridesTheServiceValue() {
        HeadersSpecs s = new HeadersSpecs();
        s.origins = List.of("*");
        s.exposeHeaders = List.of("origin", "X-Forwarded-For");
        Exchange ex = Exchange.of("GET", "/foo").header("Origin", "https://foo.bar.org")
                .upstreamHeader("Access-Control-Allow-Origin", "http://foo.bar.org");
        HttpResponse r = ex.run(build(s));
        assertThat(r.headers().getAll("Access-Control-Allow-Origin")).containsExactly("*");
        assertThat(r.headers().get("Access-Control-Expose-Headers")).isEqualTo("origin,X-Forwarded-For");
    }

    @Test
    void varyHeaderIsAppendedOnce() {
        HeadersSpecs s = new HeadersSpecs();
        s.origins = List.of("https://foo.bar.org");
        s.addVary = true;
        assertThat(vary(s, null)).isEqualTo("Origin");
        assertThat(vary(s, "Testing")).isEqualTo("Testing,Origin");
        assertThat(vary(s, "Origin")).isEqualTo("Origin");
    }

    private static String acao(HeadersSpecs s, String origin) {
        Exchange ex = Exchange.of("GET", "/foo");
        if (origin != null) {
            ex.header("Origin", origin);
        }
        return ex.run(build(s)).headers().get("Access-Control-Allow-Origin");
    }

    private static String vary(HeadersSpecs s, String upstreamVary) {
        Exchange ex = Exchange.of("GET", "/foo").header("Origin", "https://foo.bar.org");
        if (upstreamVary != null) {
            ex.upstreamHeader("Vary", upstreamVary);
        }
        return ex.run(build(s)).headers().get("Vary");
    }
}

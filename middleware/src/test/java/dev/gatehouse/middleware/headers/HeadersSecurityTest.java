package dev.gatehouse.middleware.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.testing.exchange.Exchange;
import dev.gatehouse.testing.exchange.TestBuildContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Custom headers and security headers, after Traefik's headers_test.go and secure_test.go. */
class HeadersSecurityTest {
    private static Middleware build(HeadersSpecs s) {
        return new HeadersFactory().create(s.build(), TestBuildContext.simple());
    }

    @Test
    void customRequestHeadersSetRemoveAndChangeHost() {
        HeadersSpecs s = new HeadersSpecs();
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Custom", "value");
        h.put("X-Remove", "");
        h.put("Host", "backend.internal");
        s.customRequestHeaders = h;
        Exchange ex = Exchange.of("GET", "/").header("X-Remove", "gone").header("X-Custom", "old");
        ex.run(build(s));
        assertThat(ex.seen().headers().getAll("X-Custom")).containsExactly("value");
        assertThat(ex.seen().headers().contains("X-Remove")).isFalse();
        assertThat(ex.seen().authority()).isEqualTo("backend.internal");
    }

    @Test
    void customResponseHeadersOverrideAndDelete() {
        HeadersSpecs s = new HeadersSpecs();
        s.customResponseHeaders = Map.of("Testing", "foo", "Foo", "");
        HttpResponse r = Exchange.of("GET", "/").upstreamHeader("Foo", "bar").run(build(s));
        assertThat(r.headers().get("Testing")).isEqualTo("foo");
        assertThat(r.headers().contains("Foo")).isFalse();
    }

    @Test
    void stsOnlyOverHttpsUnlessForced() {
        HeadersSpecs s = new HeadersSpecs();
        s.stsSeconds = 31536000L;
        s.stsIncludeSubdomains = true;
        s.stsPreload = true;
        String expected = "max-age=31536000; includeSubDomains; preload";
        assertThat(Exchange.of("GET", "/", "10.0.0.1", true, null).run(build(s)).headers()
                .get("Strict-Transport-Security")).isEqualTo(expected);
        assertThat(Exchange.of("GET", "/").run(build(s)).headers().get("Strict-Transport-Security")).isNull();
        s.sslProxyHeaders = Map.of("X-Forwarded-Proto", "https");
        assertThat(Exchange.of("GET", "/").header("X-Forwarded-Proto", "https").run(build(s)).headers()
                .get("Strict-Transport-Security")).isEqualTo(expected);
        s.sslProxyHeaders = null;
        s.forceSts = true;
        assertThat(Exchange.of("GET", "/").run(build(s)).headers().get("Strict-Transport-Security"))
                .isEqualTo(expected);
        s.isDevelopment = true;
        assertThat(Exchange.of("GET", "/", "10.0.0.1", true, null).run(build(s)).headers()
                .get("Strict-Transport-Security")).isNull();
    }

    @Test
    void fixedSecurityHeadersReplaceTheServiceValues() {
        HeadersSpecs s = new HeadersSpecs();
        s.frameDeny = true;
        s.nosniff = true;
        s.xssFilter = true;
        s.csp = "default-src 'self'";
        s.referrerPolicy = "no-referrer";
        HttpResponse r = Exchange.of("GET", "/").upstreamHeader("X-Frame-Options", "ALLOW").run(build(s));
        assertThat(r.headers().getAll("X-Frame-Options")).containsExactly("DENY");
        assertThat(r.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.headers().get("X-XSS-Protection")).isEqualTo("1; mode=block");
        assertThat(r.headers().get("Content-Security-Policy")).isEqualTo("default-src 'self'");
        assertThat(r.headers().get("Referrer-Policy")).isEqualTo("no-referrer");

        s.customFrameOptions = "SAMEORIGIN";
        s.customResponseHeaders = Map.of("X-Content-Type-Options", "");
        HttpResponse r2 = Exchange.of("GET", "/").run(build(s));
        assertThat(r2.headers().get("X-Frame-Options")).isEqualTo("SAMEORIGIN");
        assertThat(r2.headers().contains("X-Content-Type-Options")).as("custom headers win").isFalse();
    }

    @Test
    void allowedHostsRejectOthersWith500() {
        HeadersSpecs s = new HeadersSpecs();
        s.allowedHosts = List.of("foo.com", "bar.com");
        s.hostsProxyHeaders = List.of("X-Forwarded-Host");
        Exchange good = Exchange.of("GET", "/").authority("FOO.com");
        assertThat(good.run(build(s)).status()).isEqualTo(200);
        Exchange bad = Exchange.of("GET", "/").authority("evil.com");
        HttpResponse r = bad.run(build(s));
        assertThat(r.status()).isEqualTo(500);
        assertThat(bad.reachedService()).isFalse();
        Exchange proxied = Exchange.of("GET", "/").authority("evil.com").header("X-Forwarded-Host", "bar.com");
        assertThat(proxied.run(build(s)).status()).isEqualTo(200);
        s.isDevelopment = true;
        assertThat(Exchange.of("GET", "/").authority("evil.com").run(build(s)).status()).isEqualTo(200);
    }

    @Test
    void deprecatedAndEmptyConfigsAreRefused() {
        HeadersSpecs deprecated = new HeadersSpecs();
        deprecated.sslRedirect = true;
        assertThatThrownBy(() -> build(deprecated)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("not supported yet")
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("sslRedirect");
        HeadersSpecs feature = new HeadersSpecs();
        feature.featurePolicy = "vibrate 'none'";
        assertThatThrownBy(() -> build(feature)).isInstanceOf(InvalidSpecException.class)
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("featurePolicy");
        assertThatThrownBy(() -> build(new HeadersSpecs())).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("headers configuration not valid");
        HeadersSpecs badRegex = new HeadersSpecs();
        badRegex.originRegexes = List.of("a(b");
        assertThatThrownBy(() -> build(badRegex)).isInstanceOf(InvalidSpecException.class)
                .extracting(e -> ((InvalidSpecException) e).keyPath())
                .isEqualTo("accessControlAllowOriginListRegex[0]");
    }
}

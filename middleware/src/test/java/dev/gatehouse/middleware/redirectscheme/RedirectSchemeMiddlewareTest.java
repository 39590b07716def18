package dev.gatehouse.middleware.redirectscheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.testing.exchange.Exchange;
import dev.gatehouse.testing.exchange.TestBuildContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases ported from Traefik's redirect_scheme_test.go. */
class RedirectSchemeMiddlewareTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "HTTP to HTTPS                          | https | NULL | false | GET  | false | foo          | NULL  | 302 | https://foo",
        "with X-Forwarded-Proto http            | https | NULL | false | GET  | false | foo          | http  | 302 | https://foo",
        "with X-Forwarded-Proto https           | https | NULL | false | GET  | false | foo          | https | 200 | NULL",
        "with X-Forwarded-Proto unknown         | https | NULL | false | GET  | false | foo          | bar   | 302 | https://foo",
        "with X-Forwarded-Proto ws              | https | NULL | false | GET  | false | foo          | ws    | 302 | https://foo",
        "with X-Forwarded-Proto wss             | https | NULL | false | GET  | false | foo          | wss   | 200 | NULL",
        "HTTP with port to HTTPS without port   | https | NULL | false | GET  | false | foo:8080     | NULL  | 302 | https://foo",
        "HTTP without port to HTTPS with port   | https | 8443 | false | GET  | false | foo          | NULL  | 302 | https://foo:8443",
        "HTTP with port to HTTPS with port      | https | 8443 | false | GET  | false | foo:8000     | NULL  | 302 | https://foo:8443",
        "HTTPS with port to HTTPS with port     | https | 8443 | false | GET  | true  | foo:8000     | NULL  | 302 | https://foo:8443",
        "HTTPS with port to HTTPS without port  | https | NULL | false | GET  | true  | foo:8000     | NULL  | 302 | https://foo",
        "HTTP to HTTPS permanent                | https | 8443 | true  | GET  | false | foo          | NULL  | 301 | https://foo:8443",
        "to HTTP 80                             | http  | 80   | false | GET  | false | foo:80       | NULL  | 200 | NULL",
        "to HTTPS 443                           | https | 443  | false | GET  | true  | foo:443      | NULL  | 200 | NULL",
        "HTTP to wss                            | wss   | 9443 | false | GET  | false | foo          | NULL  | 302 | wss://foo:9443",
        "HTTP to wss without port               | wss   | NULL | false | GET  | false | foo          | NULL  | 302 | wss://foo",
        "HTTP with port to wss without port     | wss   | NULL | false | GET  | false | foo:5678     | NULL  | 302 | wss://foo",
        "HTTP to HTTPS without port             | https | NULL | false | GET  | false | foo:443      | NULL  | 302 | https://foo",
        "HTTP port redirection                  | http  | 8181 | false | GET  | false | foo:8080     | NULL  | 302 | http://foo:8181",
        "HTTPS with port 80 to HTTPS            | https | NULL | false | GET  | true  | foo:80       | NULL  | 302 | https://foo",
        "IPv6 HTTP to HTTPS without port        | https | NULL | false | GET  | false | [::1]        | NULL  | 302 | https://[::1]",
        "IPv6 HTTP to HTTPS with port           | https | 8443 | false | GET  | false | [::1]        | NULL  | 302 | https://[::1]:8443",
        "IPv6 HTTP port 80 to HTTPS             | https | NULL | false | GET  | false | [::1]:80     | NULL  | 302 | https://[::1]",
        "IPv6 HTTP port 80 to HTTPS with port   | https | 8443 | false | GET  | false | [::1]:80     | NULL  | 302 | https://[::1]:8443",
        "POST is 307                            | https | NULL | false | POST | false | foo          | NULL  | 307 | https://foo",
        "POST permanent is 308                  | https | NULL | true  | POST | false | foo          | NULL  | 308 | https://foo",
    })
    void redirects(String desc, String scheme, String port, boolean permanent, String method, boolean secure,
                   String host, String forwardedProto, int status, String location) {
        Exchange ex = Exchange.of(method, "/", "10.0.0.1", secure, null).authority(host);
        if (forwardedProto != null) {
            ex.header("X-Forwarded-Proto", forwardedProto);
        }
        HttpResponse resp = ex.run(new RedirectSchemeFactory().create(
                new RedirectSchemeSpec(scheme, port, permanent), TestBuildContext.simple()));

        assertThat(resp.status()).isEqualTo(status);
        String expected = location == null ? null : location + "/";
        assertThat(resp.headers().get("Location")).isEqualTo(expected);
        assertThat(ex.reachedService()).isEqualTo(status == 200);
    }

    @Test
    void keepsPathAndQuery() {
        Exchange ex = Exchange.of("GET", "/theother?a=b%20c").authority("foo:8000");
        HttpResponse resp = ex.run(new RedirectSchemeFactory().create(new RedirectSchemeSpec("https", null, null),
                TestBuildContext.simple()));
        assertThat(resp.headers().get("Location")).isEqualTo("https://foo/theother?a=b%20c");
    }

    @Test
    void schemeIsRequired() {
        assertThatThrownBy(() -> new RedirectSchemeFactory().create(new RedirectSchemeSpec(null, "443", true),
                TestBuildContext.simple())).isInstanceOf(InvalidSpecException.class)
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("scheme");
    }
}

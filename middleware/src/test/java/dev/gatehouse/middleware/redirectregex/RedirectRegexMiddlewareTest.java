package dev.gatehouse.middleware.redirectregex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.testing.exchange.Exchange;
import dev.gatehouse.testing.exchange.TestBuildContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases ported from Traefik's redirect_regex_test.go. */
class RedirectRegexMiddlewareTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "simple redirection       | GET  | false | false | foo.com:80 | /  | ^(?:http?:\\/\\/)(foo)(\\.com)(:\\d+)(.*)$ | https://${1}bar$2:443$4 | 302 | https://foobar.com:443/",
        "URL doesn't match        | GET  | false | false | foo.com:80 | /  | bar                                        | https://${1}bar$2:443$4 | 200 | NULL",
        "use request header       | GET  | false | false | foo.com:80 | /  | ^(?:http?:\\/\\/)(foo)(\\.com)(:\\d+)(.*)$ | https://${1}bar$2:443$4 | 302 | https://foobar.com:443/",
        "HTTP to HTTPS            | GET  | false | false | foo:80     | /  | ^http://([^:/]+)(:\\d+)?(.*)$              | https://$1$3            | 302 | https://foo/",
        "HTTPS to HTTP            | GET  | false | true  | foo:443    | /  | ^https://([^:/]+)(:\\d+)?(.*)$             | http://$1$3             | 302 | http://foo/",
        "HTTP to HTTP with port   | GET  | false | false | foo:80     | /  | ^http://(.*):80(.*)$                       | http://$1:81$2          | 302 | http://foo:81/",
        "HTTP to HTTPS permanent  | GET  | true  | false | foo:80     | /  | ^http://([^:/]+)(:\\d+)?(.*)$              | https://$1$3            | 301 | https://foo/",
        "POST to 307              | POST | false | false | foo:80     | /a | ^http://([^:/]+)(:\\d+)?(.*)$              | https://$1$3            | 307 | https://foo/a",
        "POST permanent to 308    | POST | true  | false | foo:80     | /a | ^http://([^:/]+)(:\\d+)?(.*)$              | https://$1$3            | 308 | https://foo/a",
        "same URL passes on       | GET  | false | false | foo        | /a | ^(.*)$                                     | $1                      | 200 | NULL",
        "path with query          | GET  | false | false | foo        | /a?x=1 | ^http://foo/a\\?x=(.*)$                | http://bar/$1           | 302 | http://bar/1",
    })
    void redirects(String desc, String method, boolean permanent, boolean secure, String host, String target,
                   String regex, String replacement, int status, String location) {
        Exchange ex = Exchange.of(method, target, "10.0.0.1", secure, null).authority(host);
        HttpResponse resp = ex.run(new RedirectRegexFactory().create(
                new RedirectRegexSpec(regex, replacement, permanent), TestBuildContext.simple()));
        assertThat(resp.status()).isEqualTo(status);
        assertThat(resp.headers().get("Location")).isEqualTo(location);
        assertThat(ex.reachedService()).isEqualTo(status == 200);
    }
}

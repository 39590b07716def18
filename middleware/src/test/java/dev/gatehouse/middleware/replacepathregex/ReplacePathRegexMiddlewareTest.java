package dev.gatehouse.middleware.replacepathregex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.testing.exchange.Exchange;
import dev.gatehouse.testing.exchange.TestBuildContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases in the spirit of Traefik's replace_path_regex_test.go, with Go's template rules. */
class ReplacePathRegexMiddlewareTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "simple regex          | /whoami/and/whoami | /whoami/(.*)  | /who-am-i/$1    | /who-am-i/and/whoami | /whoami/and/whoami",
        "no match              | /whoami/and/whoami | /whoami/x(.*) | /who-am-i/$1    | /whoami/and/whoami   | NULL",
        "multiple replacement  | /aaa/bbb           | /a+(.*)       | /bbb$1          | /bbb/bbb             | /aaa/bbb",
        "hash in replacement   | /aaa/bbb           | /aaa/bbb      | /foo#bar        | /foo%23bar           | /aaa/bbb",
        "encoded slash kept    | /aaa/b%2Fb         | /aaa/(.*)     | /x/$1           | /x/b%2Fb             | /aaa/b%2Fb",
        "replacement adds %2F  | /a/b/c             | /a/([^/]*)/(.*) | /a/${1}%2F${2} | /a/b%2Fc             | /a/b/c",
        "named group           | /v1/users          | /v1/(?P<rest>.*) | /v2/${rest}  | /v2/users            | /v1/users",
        "go dollar name rule   | /v1/users          | /v1/(.*)      | /v2/$1x         | /v2/                 | /v1/users",
        "empty replacement off | /v1/users          | /v1/(.*)      | ''              | /v1/users            | NULL",
    })
    void rewrites(String desc, String path, String regex, String replacement, String expected, String header) {
        Exchange ex = Exchange.of("GET", path);
        ex.run(new ReplacePathRegexFactory().create(new ReplacePathRegexSpec(regex, replacement),
                TestBuildContext.simple()));
        assertThat(ex.seen().path()).isEqualTo(expected);
        assertThat(ex.seen().headers().get("X-Replaced-Path")).isEqualTo(header);
    }

    @Test
    void invalidEscapeInResultIs500() {
        Exchange ex = Exchange.of("GET", "/a");
        HttpResponse resp = ex.run(new ReplacePathRegexFactory().create(
                new ReplacePathRegexSpec("/a", "/%zz"), TestBuildContext.simple()));
        assertThat(resp.status()).isEqualTo(500);
        assertThat(ex.reachedService()).isFalse();
    }

    @Test
    void invalidRegexIsRefused() {
        assertThatThrownBy(() -> new ReplacePathRegexFactory().create(new ReplacePathRegexSpec("a(b", "/x"),
                TestBuildContext.simple())).isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("invalid regex");
    }
}

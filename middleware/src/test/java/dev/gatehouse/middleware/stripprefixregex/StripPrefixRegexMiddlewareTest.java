package dev.gatehouse.middleware.stripprefixregex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.testing.exchange.Exchange;
import dev.gatehouse.testing.exchange.TestBuildContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases in the spirit of Traefik's strip_prefix_regex_test.go. */
class StripPrefixRegexMiddlewareTest {
    private static final Middleware MW = new StripPrefixRegexFactory().create(new StripPrefixRegexSpec(
            List.of("/a/api/", "/b/([a-z0-9]+)/", "/c/[0-9a-z]{1,}/api/", "/d/", "/e/api/", "/f/[a-z]+")),
            TestBuildContext.simple());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "/a/test              | 200 | /a/test   | NULL",
        "/a/test/             | 200 | /a/test/  | NULL",
        "/a/api/              | 200 | ''        | /a/api/",
        "/a/api/test          | 200 | /test     | /a/api/",
        "/a/api/test/         | 200 | /test/    | /a/api/",
        "/b/api/              | 200 | ''        | /b/api/",
        "/b/api/test1         | 200 | /test1    | /b/api/",
        "/b/api2/test2        | 200 | /test2    | /b/api2/",
        "/c/api/123/          | 200 | /c/api/123/ | NULL",
        "/c/api/123/api/      | 200 | /c/api/123/api/ | NULL",
        "/c/123/api/          | 200 | ''        | /c/123/api/",
        "/c/abc/api/test4     | 200 | /test4    | /c/abc/api/",
        "/d/a%2Fb             | 200 | /a%2Fb    | /d/",
        "/e/ap%69/x           | 200 | /x        | /e/api/",
        "/f/api./x            | 400 | NULL      | NULL",
        "/x/a/api/test        | 200 | /x/a/api/test | NULL",
    })
    void strips(String path, int status, String expectedPath, String header) {
        Exchange ex = Exchange.of("GET", path);
        HttpResponse resp = ex.run(MW);
        assertThat(resp.status()).isEqualTo(status);
        if (status != 200) {
            assertThat(ex.reachedService()).isFalse();
            return;
        }
        assertThat(ex.seen().path()).isEqualTo(expectedPath);
        assertThat(ex.seen().headers().get("X-Forwarded-Prefix")).isEqualTo(header);
    }

    @Test
    void invalidRegexNamesTheEntry() {
        assertThatThrownBy(() -> new StripPrefixRegexFactory().create(
                new StripPrefixRegexSpec(List.of("/ok", "a(b")), TestBuildContext.simple()))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("invalid regex")
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("regex[1]");
    }
}

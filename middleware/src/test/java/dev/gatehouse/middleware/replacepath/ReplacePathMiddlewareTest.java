package dev.gatehouse.middleware.replacepath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.testing.exchange.Exchange;
import dev.gatehouse.testing.exchange.TestBuildContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases ported from Traefik's replace_path_test.go, plus the query form of X-Replaced-Path. */
class ReplacePathMiddlewareTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "simple path                     | /example               | /replacement-path | /replacement-path | /example",
        "long path                       | /some/really/long/path | /replacement-path | /replacement-path | /some/really/long/path",
        "path with escaped value         | /foo%2Fbar             | /replacement-path | /replacement-path | /foo%2Fbar",
        "replacement with escaped value  | /path                  | /foo%2Fbar        | /foo%2Fbar        | /path",
        "percent encoded backspace       | /path/%08bar           | /path/%08bar      | /path/%08bar      | /path/%08bar",
        "query joins the header          | /example?a=1           | /new              | /new?a=1          | /example?a=1",
        "non canonical path drops query  | /a%2Fb?a=1             | /new              | /new?a=1          | /a%2Fb",
        "invalid raw form is re-escaped  | /x                     | /a b              | /a%20b            | /x",
    })
    void replaces(String desc, String target, String path, String expectedUri, String expectedHeader) {
        Exchange ex = Exchange.of("GET", target);
        ex.run(new ReplacePathFactory().create(new ReplacePathSpec(path), TestBuildContext.simple()));
        assertThat(ex.seen().uri()).isEqualTo(expectedUri);
        assertThat(ex.seen().headers().get(ReplacePathMiddleware.REPLACED_PATH)).isEqualTo(expectedHeader);
    }

    @Test
    void badEscapeIsRefusedAtBuild() {
        assertThatThrownBy(() -> new ReplacePathFactory().create(new ReplacePathSpec("/a%zz"),
                TestBuildContext.simple())).isInstanceOf(InvalidSpecException.class)
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("path");
    }
}

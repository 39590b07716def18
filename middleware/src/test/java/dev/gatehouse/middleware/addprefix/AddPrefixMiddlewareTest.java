package dev.gatehouse.middleware.addprefix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.testing.exchange.Exchange;
import dev.gatehouse.testing.exchange.TestBuildContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases ported from Traefik's add_prefix_test.go. */
class AddPrefixMiddlewareTest {
    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource(delimiter = '|', value = {
        "/foo     | /bar         | /foo/bar",
        "foo      | /bar         | /foo/bar",
        "/foo     | /bar%2Fbaz   | /foo/bar%2Fbaz",
        "/a b     | /c?x=1       | /a%20b/c?x=1",
        "/api     | ''           | /api",
    })
    void prefixes(String prefix, String target, String expectedUri) {
        Exchange ex = Exchange.of("GET", target);
        ex.run(new AddPrefixFactory().create(new AddPrefixSpec(prefix), TestBuildContext.simple()));
        assertThat(ex.seen().uri()).isEqualTo(expectedUri);
    }

    @Test
    void emptyPrefixIsRefused() {
        assertThatThrownBy(() -> new AddPrefixFactory().create(new AddPrefixSpec(""), TestBuildContext.simple()))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("prefix cannot be empty");
    }
}

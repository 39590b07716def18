package dev.gatehouse.middleware.stripprefix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.testing.exchange.Exchange;
import dev.gatehouse.testing.exchange.TestBuildContext;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases ported from Traefik's strip_prefix_test.go; the expected path is the raw path sent upstream. */
class StripPrefixMiddlewareTest {
    private static Middleware build(String prefixes, Boolean forceSlash) {
        List<String> list = prefixes == null ? List.of() : Arrays.asList(prefixes.split(" "));
        return new StripPrefixFactory().create(new StripPrefixSpec(list, forceSlash), TestBuildContext.simple());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "no prefixes configured             | NULL            | /noprefixes  | 200 | /noprefixes | NULL",
        "wildcard requests                  | /               | /            | 200 | ''          | /",
        "prefix and path matching           | /stat           | /stat        | 200 | ''          | /stat",
        "path prefix on exactly matching    | /stat/          | /stat/       | 200 | ''          | /stat/",
        "path prefix on longer path         | /stat/          | /stat/us     | 200 | /us         | /stat/",
        "path prefix on mismatching path    | /stat/          | /status      | 200 | /status     | NULL",
        "general prefix on matching path    | /stat           | /stat/       | 200 | /           | /stat",
        "earlier prefix matching            | /stat /stat/us  | /stat/us     | 200 | /us         | /stat",
        "later prefix matching              | /mismatch /stat | /stat        | 200 | ''          | /stat",
        "within slash boundaries            | /stat           | /status      | 200 | /us         | /stat",
        "raw path is also stripped          | /stat           | /stat/a%2Fb  | 200 | /a%2Fb      | /stat",
        "encoded char in prefix segment     | /api/           | /ap%69/a%2Fb | 200 | /a%2Fb      | /api/",
        "dot in the path not stripped       | /api            | /api./foo    | 400 | NULL        | NULL",
        "multiple dots not stripped         | /api            | /api../foo   | 400 | NULL        | NULL",
    })
    void stripsLikeTraefik(String desc, String prefixes, String path, int status, String expectedPath,
                           String expectedHeader) {
        Exchange ex = Exchange.of("GET", path);
        HttpResponse resp = ex.run(build(prefixes, null));

        assertThat(resp.status()).isEqualTo(status);
        if (status != 200) {
            assertThat(ex.reachedService()).isFalse();
            return;
        }
        assertThat(ex.seen().path()).isEqualTo(expectedPath);
        assertThat(ex.seen().headers().get(StripPrefixMiddleware.FORWARDED_PREFIX)).isEqualTo(expectedHeader);
    }

    @ParameterizedTest(name = "forceSlash {0} on {1}")
    @CsvSource(delimiter = '|', value = {
        "/      | /       | /",
        "/stat  | /stat   | /",
        "/stat/ | /stat/  | /",
        "/stat  | /stat/x | /x",
    })
    void forceSlashKeepsOneLeadingSlash(String prefix, String path, String expected) {
        Exchange ex = Exchange.of("GET", path);
        ex.run(build(prefix, true));
        assertThat(ex.seen().path()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "query kept for {0}")
    @CsvSource({"/api/users?id=1, /users?id=1"})
    void keepsQuery(String target, String expectedUri) {
        Exchange ex = Exchange.of("GET", target);
        ex.run(build("/api", null));
        assertThat(ex.seen().uri()).isEqualTo(expectedUri);
    }
}

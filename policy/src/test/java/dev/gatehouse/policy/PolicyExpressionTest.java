package dev.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.Consumer;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.StandardAttributes;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.testing.exchange.Exchange;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.HashMap;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyExpressionTest {
    private static Exchange get(String target) {
        return Exchange.of("GET", target);
    }

    private static boolean test(String expr, Exchange ex) {
        return PolicyExpression.compile(expr, "rule").test(ex.context(), ex.request());
    }

    private static Exchange withConsumer(Consumer c) {
        Exchange ex = get("/");
        ex.context().set(StandardAttributes.CONSUMER, c);
        return ex;
    }

    @Test
    void requestFields() {
        Exchange ex = Exchange.of("POST", "/api/v1/items?limit=10&tag=a&tag=b&q=hello%20world")
                .authority("API.Example.com:8443");
        assertThat(test("request.method == 'POST'", ex)).isTrue();
        assertThat(test("request.method == 'GET'", ex)).isFalse();
        assertThat(test("request.path == '/api/v1/items'", ex)).isTrue();
        assertThat(test("request.path.startsWith('/api/')", ex)).isTrue();
        assertThat(test("request.host == 'api.example.com'", ex)).isTrue();
        assertThat(test("request.scheme == 'http'", ex)).isTrue();
        assertThat(test("request.ip == '10.0.0.1'", ex)).isTrue();
        assertThat(test("request.query.limit == '10'", ex)).isTrue();
        assertThat(test("request.query['tag'] == 'a'", ex)).isTrue();
        assertThat(test("request.query.q == 'hello world'", ex)).isTrue();
        assertThat(test("request.query.p == 'a b'", get("/?p=a+b"))).isTrue();
        assertThat(test("'limit' in request.query && !('other' in request.query)", ex)).isTrue();
    }

    @Test
    void headersAreLowerCaseAndJoined() {
        Exchange ex = get("/").header("X-Tenant", "acme").header("Accept", "a/b").header("Accept", "c/d");
        assertThat(test("request.headers['x-tenant'] == 'acme'", ex)).isTrue();
        assertThat(test("request.headers['X-Tenant'] == 'acme'", ex)).isTrue();
        assertThat(test("request.headers.accept == 'a/b,c/d'", ex)).isTrue();
        assertThat(test("'x-tenant' in request.headers", ex)).isTrue();
        assertThat(test("has(request.headers.authorization)", ex)).isFalse();
        assertThat(test("request.headers.exists(k, k == 'x-tenant')", ex)).isTrue();
        assertThat(test("request.headers.size() == 2", ex)).isTrue();
    }

    /** Headers that count lookups and refuse to be iterated: an expression must read only what it names. */
    private static final class WatchedHeaders extends DefaultHttpHeaders {
        int lookups;
        boolean iterable;

        @Override
        public List<String> getAll(String name) {
            lookups++;
            return super.getAll(name);
        }

        @Override
        public Set<String> names() {
            if (!iterable) {
                throw new AssertionError("headers were iterated");
            }
            return super.names();
        }
    }

    @Test
    void headersAreReadOnlyWhenTheExpressionNamesThem() {
        WatchedHeaders headers = new WatchedHeaders();
        headers.add("X-A", "1").add("X-B", "2");
        HttpRequest req = new HttpRequest(HttpMethod.GET, "http", "example.com", "/", null, headers, Body.empty(),
                "HTTP/1.1");
        Exchange ex = get("/");
        assertThat(PolicyExpression.compile("request.method == 'GET' && request.path == '/'", "k")
                .test(ex.context(), req)).isTrue();
        assertThat(headers.lookups).isZero();
        assertThat(PolicyExpression.compile("request.headers['x-a'] == '1'", "k").test(ex.context(), req)).isTrue();
        assertThat(headers.lookups).isEqualTo(1);
        headers.iterable = true;
        assertThat(PolicyExpression.compile("request.headers.size() == 2", "k").test(ex.context(), req)).isTrue();
    }

    @Test
    void consumerFields() {
        Consumer c = new Consumer("alice", List.of("admins", "dev"), List.of("read", "write"),
                Map.of("tenant", "acme", "level", 3), "gold", "jwt");
        Exchange ex = withConsumer(c);
        assertThat(test("consumer.id == 'alice'", ex)).isTrue();
        assertThat(test("'admins' in consumer.groups", ex)).isTrue();
        assertThat(test("consumer.scopes.exists(s, s == 'write')", ex)).isTrue();
        assertThat(test("consumer.claims.tenant == 'acme'", ex)).isTrue();
        assertThat(test("consumer.claims.level == 3", ex)).isTrue();
        assertThat(test("claims.level > 2", ex)).isTrue();
        assertThat(test("consumer.plan == 'gold'", ex)).isTrue();
        assertThat(test("consumer.method == 'jwt'", ex)).isTrue();
    }

    @Test
    void absentConsumerIsAnonymous() {
        Exchange ex = get("/");
        assertThat(test("consumer.id == 'anonymous'", ex)).isTrue();
        assertThat(test("consumer.method == 'anonymous'", ex)).isTrue();
        assertThat(test("consumer.groups.size() == 0 && claims.size() == 0", ex)).isTrue();
        assertThat(test("has(consumer.plan)", ex)).isFalse();
        assertThat(test("consumer.plan == 'gold'", ex)).isFalse();
        assertThat(test("!has(consumer.plan) || consumer.plan == 'gold'", ex)).isTrue();
    }

    @Test
    void evaluationErrorsFailClosed() {
        Exchange ex = get("/");
        PolicyExpression missingKey = PolicyExpression.compile("request.headers['x-missing'] == 'v'", "rule");
        assertThat(missingKey.test(ex.context(), ex.request())).isFalse();
        assertThat(missingKey.evaluate(ex.context(), ex.request())).isEqualTo(PolicyExpression.Outcome.ERROR);
        PolicyExpression negated = PolicyExpression.compile("!(request.headers['x-missing'] == 'v')", "rule");
        assertThat(negated.test(ex.context(), ex.request())).isFalse();
        Exchange typed = withConsumer(new Consumer("a", null, null, Map.of("n", "text"), null, "jwt"));
        assertThat(test("claims.n > 3", typed)).isFalse();
        assertThat(test("claims.n == 'text'", typed)).isTrue();
        assertThat(PolicyExpression.compile("claims.nope", "k").evaluateString(ex.context(), ex.request())).isNull();
    }

    @Test
    void compileErrorsCarryCelMessageAndColumn() {
        assertThatThrownBy(() -> PolicyExpression.compile("request.methd == 'GET'", "rules[0].allow"))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> {
                    assertThat(e.keyPath()).isEqualTo("rules[0].allow");
                    assertThat(e.getMessage()).contains("column 8").contains("undefined field 'methd'");
                });
        assertThatThrownBy(() -> PolicyExpression.compile("request.method ==", "k"))
                .isInstanceOfSatisfying(InvalidSpecException.class,
                        e -> assertThat(e.getMessage()).contains("column 18"));
        assertThatThrownBy(() -> PolicyExpression.compile("nobody == 1", "k"))
                .hasMessageContaining("undeclared reference to 'nobody'");
        assertThatThrownBy(() -> PolicyExpression.compile(" ", "k")).hasMessageContaining("required");
    }

    @Test
    void resultTypesAreCheckedAtCompileTime() {
        assertThatThrownBy(() -> PolicyExpression.compile("request.headers.size()", "key"))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("int");
        assertThatThrownBy(() -> PolicyExpression.compileBool("request.path", "allow"))
                .hasMessageContaining("expected bool");
        assertThatThrownBy(() -> PolicyExpression.compileString("request.path == '/'", "key"))
                .hasMessageContaining("expected string");
        assertThat(PolicyExpression.compile("request.path == '/'", "k").isBool()).isTrue();
        assertThat(PolicyExpression.compile("claims.tenant", "k").isBool()).isFalse();
    }

    @Test
    void jsonNumbersCompareByValue() {
        Exchange ex = withConsumer(new Consumer("a", null, null,
                Map.of("level", 3, "ratio", 1.0, "exp", 1_700_000_000L, "nested", Map.of("n", (short) 2)), null, "jwt"));
        assertThat(test("claims.level > 2.5", ex)).isTrue();
        assertThat(test("claims.ratio == 1", ex)).isTrue();
        assertThat(test("claims.exp >= 1700000000", ex)).isTrue();
        assertThat(test("claims.nested.n == 2", ex)).isTrue();
    }

    @Test
    void jsonNullsAndNestedListsAreCelValues() {
        Map<String, Object> claims = new HashMap<>();
        claims.put("nothing", null);
        claims.put("roles", List.of(Map.of("id", 7), Map.of("id", 9)));
        PolicyExpression e = PolicyExpression.compileClaims(
                "claims.nothing == null && claims.roles.exists(r, r.id == 9)", "claims");
        assertThat(e.testClaims(claims)).isTrue();
        claims.put("nothing", "x");
        assertThat(e.testClaims(claims)).isFalse();
    }

    @Test
    void stringExtensionsAndRegexes() {
        Exchange ex = get("/API/V1/Items").header("X-Roles", "read, write");
        assertThat(test("request.path.lowerAscii() == '/api/v1/items'", ex)).isTrue();
        assertThat(test("'write' in request.headers['x-roles'].split(',').map(r, r.trim())", ex)).isTrue();
        assertThat(test("request.path.matches('^/API/V[0-9]+/')", ex)).isTrue();
    }

    @Test
    void comprehensionsAreBounded() {
        List<String> many = IntStream.range(0, 5000).mapToObj(i -> "g" + i).toList();
        Exchange ex = withConsumer(new Consumer("a", many, null, null, null, "jwt"));
        assertThat(test("consumer.groups.size() == 5000", ex)).isTrue();
        assertThat(test("consumer.groups.all(g, g != 'x')", ex)).isFalse();
        assertThat(test("'g4999' in consumer.groups", ex)).isTrue();
    }

    @Test
    void evaluateStringGivesKeys() {
        Exchange ex = withConsumer(new Consumer("bob", null, null, Map.of("org", 42), null, "apiKey"))
                .header("X-Api-Version", "2");
        PolicyExpression key = PolicyExpression.compileString("consumer.id + ':' + request.headers['x-api-version']",
                "key");
        assertThat(key.evaluateString(ex.context(), ex.request())).isEqualTo("bob:2");
        assertThat(PolicyExpression.compile("claims.org", "k").evaluateString(ex.context(), ex.request()))
                .isEqualTo("42");
        assertThat(PolicyExpression.compile("request.path == '/'", "k").evaluateString(ex.context(), ex.request()))
                .isEqualTo("true");
    }

    @Test
    void claimsExpressionsInCel() {
        PolicyExpression e = PolicyExpression.compileClaims("claims.grp == 'admin' && 'home' in claims.areas", "claims");
        assertThat(e.testClaims(Map.of("grp", "admin", "areas", List.of("office", "home")))).isTrue();
        assertThat(e.testClaims(Map.of("grp", "admin"))).isFalse();
        assertThat(e.testClaims(null)).isFalse();
        assertThatThrownBy(() -> PolicyExpression.compileClaims("request.path == '/'", "claims"))
                .hasMessageContaining("undeclared reference to 'request'");
    }

    @Test
    void meanEvaluationTime() {
        Consumer c = new Consumer("alice", List.of("admins"), List.of(), Map.of(), null, "jwt");
        Exchange ex = withConsumer(c).header("X-Tenant", "acme");
        PolicyExpression e = PolicyExpression.compile(
                "request.method == 'GET' && 'admins' in consumer.groups && request.headers['x-tenant'] == 'acme'", "k");
        int n = 100_000;
        int trues = 0;
        for (int i = 0; i < 20_000; i++) {
            trues += e.test(ex.context(), ex.request()) ? 1 : 0;
        }
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            trues += e.test(ex.context(), ex.request()) ? 1 : 0;
        }
        long elapsed = System.nanoTime() - start;
        System.out.printf("PolicyExpression.test: %d evaluations, mean %.0f ns%n", n, (double) elapsed / n);
        assertThat(trues).isEqualTo(n + 20_000);
    }
}

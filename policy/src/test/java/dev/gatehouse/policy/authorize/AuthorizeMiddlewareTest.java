package dev.gatehouse.policy.authorize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.Consumer;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.StandardAttributes;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.core.spi.MetricsRegistry;
import dev.gatehouse.core.spi.MiddlewareFactory;
import dev.gatehouse.testing.exchange.Exchange;
import dev.gatehouse.testing.exchange.TestBuildContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class AuthorizeMiddlewareTest {
    private static AuthorizeRuleSpec allow(String name, String expr) {
        return new AuthorizeRuleSpec(name, expr, null);
    }

    private static AuthorizeRuleSpec deny(String name, String expr) {
        return new AuthorizeRuleSpec(name, null, expr);
    }

    private static Middleware build(String defaultDecision, Integer status, AuthorizeRuleSpec... rules) {
        return new AuthorizeFactory().create(new AuthorizeSpec(List.of(rules), defaultDecision, status),
                TestBuildContext.simple());
    }

    private static Exchange as(String user, String method, String path) {
        Exchange ex = Exchange.of(method, path);
        if (user != null) {
            ex.context().set(StandardAttributes.CONSUMER,
                    new Consumer(user, List.of(), List.of(), Map.of(), null, "basicAuth"));
        }
        return ex;
    }

    private static String bodyOf(HttpResponse resp) {
        AtomicReference<String> text = new AtomicReference<>();
        resp.body().aggregate(1024, (buf, err) -> {
            text.set(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        });
        return text.get();
    }

    @Test
    void firstTrueRuleDecides() {
        Middleware m = build(null, null,
                deny("no-delete", "request.method == 'DELETE'"),
                allow("admins", "consumer.id == 'admin'"),
                allow("readers", "request.method == 'GET'"));
        Exchange adminDelete = as("admin", "DELETE", "/x");
        assertThat(adminDelete.run(m).status()).isEqualTo(403);
        assertThat(adminDelete.reachedService()).isFalse();
        assertThat(adminDelete.context().get(StandardAttributes.AUTH_DECISION)).isEqualTo("no-delete");

        Exchange adminPost = as("admin", "POST", "/x");
        assertThat(adminPost.run(m).status()).isEqualTo(200);
        assertThat(adminPost.reachedService()).isTrue();
        assertThat(adminPost.context().get(StandardAttributes.AUTH_DECISION)).isEqualTo("admins");

        Exchange anonGet = as(null, "GET", "/x");
        assertThat(anonGet.run(m).status()).isEqualTo(200);
        assertThat(anonGet.context().get(StandardAttributes.AUTH_DECISION)).isEqualTo("readers");
    }

    @Test
    void defaultIsDenyUnlessConfigured() {
        Exchange ex = as("bob", "POST", "/x");
        assertThat(ex.run(build(null, null, allow("admins", "consumer.id == 'admin'"))).status()).isEqualTo(403);
        assertThat(ex.reachedService()).isFalse();
        assertThat(ex.context().get(StandardAttributes.AUTH_DECISION)).isEqualTo("default");

        Exchange open = as("bob", "POST", "/x");
        assertThat(open.run(build("allow", null, deny("no-delete", "request.method == 'DELETE'"))).status())
                .isEqualTo(200);
        assertThat(open.reachedService()).isTrue();
        assertThat(open.context().get(StandardAttributes.AUTH_DECISION)).isEqualTo("default");

        Exchange none = as("bob", "GET", "/x");
        assertThat(none.run(build("deny", null)).status()).isEqualTo(403);
    }

    @Test
    void denialAnswersJsonWithTheReasonAndConfiguredStatus() {
        Middleware m = build(null, 404, deny("hide \"admin\"", "request.path.startsWith('/admin')"));
        Exchange ex = as("bob", "GET", "/admin/users");
        int[] calls = {0};
        HttpResponse resp = m.handle(ex.context(), ex.request(), (c, r) -> {
            calls[0]++;
            return HttpResponse.of(200);
        });
        assertThat(resp.status()).isEqualTo(404);
        assertThat(resp.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(bodyOf(resp)).isEqualTo("{\"error\":\"forbidden\",\"reason\":\"hide \\\"admin\\\"\"}");
        assertThat(calls[0]).isZero();

        HttpResponse byDefault = build(null, null).handle(ex.context(), ex.request(), (c, r) -> HttpResponse.of(200));
        assertThat(bodyOf(byDefault)).isEqualTo("{\"error\":\"forbidden\",\"reason\":\"default\"}");
    }

    @Test
    void evaluationErrorsFailClosed() {
        // An allow rule that cannot be evaluated does not allow; a deny rule that cannot be evaluated denies.
        Middleware m = build("allow", null,
                allow("tenant", "request.headers['x-tenant'] == 'acme'"),
                deny("blocked", "request.headers['x-level'] == 'low'"));
        Exchange ex = as("bob", "GET", "/");
        assertThat(ex.run(m).status()).isEqualTo(403);
        assertThat(ex.context().get(StandardAttributes.AUTH_DECISION)).isEqualTo("blocked");
        assertThat(ex.reachedService()).isFalse();

        Exchange level = as("bob", "GET", "/").header("X-Level", "high");
        assertThat(level.run(m).status()).isEqualTo(200);
        assertThat(level.context().get(StandardAttributes.AUTH_DECISION)).isEqualTo("default");
    }

    @Test
    void headerRules() {
        Middleware m = build(null, null, allow("tenant", "request.headers['x-tenant'] == 'acme'"));
        assertThat(as(null, "GET", "/").header("X-Tenant", "acme").run(m).status()).isEqualTo(200);
        assertThat(as(null, "GET", "/").header("X-Tenant", "other").run(m).status()).isEqualTo(403);
    }

    @Test
    void invalidSpecsNameTheKey() {
        assertInvalid("rules[1]", "not both", allow("a", "true"), new AuthorizeRuleSpec("b", "true", "false"));
        assertInvalid("rules[0]", "needs allow or deny", new AuthorizeRuleSpec("a", null, null));
        assertInvalid("rules[1].name", "earlier rule", allow("a", "true"), deny("a", "false"));
        assertInvalid("rules[0].name", "needs a name", allow(" ", "true"));
        assertInvalid("rules[0].name", "reserved", allow("default", "true"));
        assertInvalid("rules[1].allow", "column 8", allow("a", "true"), allow("b", "request.nope"));
        assertInvalid("rules[0].deny", "expected bool", deny("a", "request.path"));
        assertInvalid("rules[0].deny", "column 17", deny("a", "request.path == "));
        assertThatThrownBy(() -> new AuthorizeFactory().create(new AuthorizeSpec(List.of(), "maybe", null),
                TestBuildContext.simple())).isInstanceOfSatisfying(InvalidSpecException.class,
                        e -> assertThat(e.keyPath()).isEqualTo("default"));
        assertThatThrownBy(() -> new AuthorizeFactory().create(new AuthorizeSpec(List.of(), null, 200),
                TestBuildContext.simple())).isInstanceOfSatisfying(InvalidSpecException.class,
                        e -> assertThat(e.keyPath()).isEqualTo("statusCode"));
    }

    private static void assertInvalid(String key, String message, AuthorizeRuleSpec... rules) {
        assertThatThrownBy(() -> build(null, null, rules)).isInstanceOfSatisfying(InvalidSpecException.class, e -> {
            assertThat(e.keyPath()).isEqualTo(key);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void decisionsAreCounted() {
        List<String> counted = new ArrayList<>();
        TestBuildContext base = TestBuildContext.simple();
        BuildContext ctx = new BuildContext() {
            @Override
            public String name() {
                return "orders-policy@file";
            }

            @Override
            public Path baseDir() {
                return base.baseDir();
            }

            @Override
            public <R extends AutoCloseable> R resource(String key, Object spec, Supplier<R> f) {
                return base.resource(key, spec, f);
            }

            @Override
            public Middleware middleware(String reference) {
                return base.middleware(reference);
            }

            @Override
            public Executor blockingExecutor() {
                return base.blockingExecutor();
            }

            @Override
            public MetricsRegistry metrics() {
                return (metric, help, labels) -> values -> counted.add(metric + String.join(",", List.of(labels))
                        + "=" + String.join(",", values));
            }
        };
        Middleware m = new AuthorizeFactory().create(new AuthorizeSpec(
                List.of(deny("no-delete", "request.method == 'DELETE'")), "allow", null), ctx);
        as("bob", "DELETE", "/").run(m);
        as("bob", "GET", "/").run(m);
        assertThat(counted).containsExactly(
                "gatehouse_authorize_decisions_totalmiddleware,decision,rule=orders-policy@file,deny,no-delete",
                "gatehouse_authorize_decisions_totalmiddleware,decision,rule=orders-policy@file,allow,default");
    }

    @Test
    void factoryIsRegistered() {
        assertThat(ServiceLoader.load(MiddlewareFactory.class).stream().map(p -> p.get().kind()))
                .contains("authorize");
    }
}

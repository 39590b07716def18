package dev.gatehouse.middleware.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.testing.exchange.Exchange;
import dev.gatehouse.testing.exchange.TestBuildContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainMiddlewareTest {
    private static Middleware tag(String name) {
        return (ctx, req, next) -> {
            req.headers().add("X-Order", name);
            return next.handle(ctx, req).onReady(r -> r.headers().add("X-Unwind", name));
        };
    }

    @Test
    void runsMembersInOrderAndUnwindsInnermostFirst() {
        TestBuildContext ctx = TestBuildContext.simple().with("a", tag("a")).with("b@file", tag("b"))
                .with("c", tag("c"));
        Middleware chain = new ChainFactory().create(new ChainSpec(List.of("a", "b@file", "c")), ctx);
        Exchange ex = Exchange.of("GET", "/");
        HttpResponse r = ex.run(chain);
        assertThat(ex.seen().headers().getAll("X-Order")).containsExactly("a", "b", "c");
        assertThat(r.headers().getAll("X-Unwind")).containsExactly("c", "b", "a");
    }

    @Test
    void memberCanAnswerAlone() {
        Middleware deny = (ctx, req, next) -> HttpResponse.of(403);
        Middleware chain = new ChainFactory().create(new ChainSpec(List.of("a", "deny")),
                TestBuildContext.simple().with("a", tag("a")).with("deny", deny));
        Exchange ex = Exchange.of("GET", "/");
        assertThat(ex.run(chain).status()).isEqualTo(403);
        assertThat(ex.reachedService()).isFalse();
    }

    @Test
    void emptyChainPassesThroughAndUnknownMemberIsNamed() {
        Exchange ex = Exchange.of("GET", "/");
        ex.run(new ChainFactory().create(new ChainSpec(null), TestBuildContext.simple()));
        assertThat(ex.reachedService()).isTrue();
        assertThatThrownBy(() -> new ChainFactory().create(new ChainSpec(List.of("a", "missing")),
                TestBuildContext.simple().with("a", tag("a")))).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("missing")
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("middlewares[1]");
    }
}

package dev.gatehouse.traffic.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.Consumer;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.StandardAttributes;
import dev.gatehouse.core.net.IpStrategySpec;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.traffic.testing.Exchanges;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionSourceTest {
    private static SourceCriterionSpec expr(String source) {
        return new SourceCriterionSpec(null, null, null, null, source);
    }

    private static String key(SourceCriterionSpec spec, Consumer consumer, String... headers) {
        RequestContext ctx = Exchanges.ctx("192.0.2.9");
        if (consumer != null) {
            ctx.set(StandardAttributes.CONSUMER, consumer);
        }
        return SourceExtractors.of(spec, SourceExtractors.Default.CLIENT_IP, "sourceCriterion")
                .extract(ctx, Exchanges.get(headers));
    }

    @Test
    void keysByTheExpressionsValue() {
        SourceCriterionSpec spec = expr("request.headers['x-tenant'] + '/' + consumer.id");
        Consumer bob = new Consumer("bob", List.of(), List.of(), Map.of(), "gold", "jwt");
        assertThat(key(spec, bob, "X-Tenant", "acme")).isEqualTo("expr:acme/bob");
        assertThat(key(spec, null, "X-Tenant", "acme")).isEqualTo("expr:acme/anonymous");
        assertThat(key(expr("consumer.plan == 'gold'"), bob)).as("a bool gives its text").isEqualTo("expr:true");
    }

    @Test
    void anExpressionThatFailsKeysByClientIp() {
        assertThat(key(expr("request.headers['x-tenant']"), null)).isEqualTo("192.0.2.9");
        SourceCriterionSpec withStrategy = new SourceCriterionSpec(new IpStrategySpec(1, null, null), null, null,
                null, "request.headers['x-tenant']");
        assertThat(key(withStrategy, null, "X-Forwarded-For", "203.0.113.1")).isEqualTo("203.0.113.1");
    }

    @Test
    void compileErrorsNameTheKey() {
        assertThatThrownBy(() -> key(expr("request.nope +"), null))
                .isInstanceOfSatisfying(InvalidSpecException.class,
                        e -> assertThat(e.keyPath()).isEqualTo("sourceCriterion.expression"));
        assertThatThrownBy(() -> SourceExtractors.of(new SourceCriterionSpec(null, "X-Key", null, null, "'a'"),
                SourceExtractors.Default.CLIENT_IP, "sourceCriterion"))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("mutually exclusive");
        assertThatThrownBy(() -> SourceExtractors.of(new SourceCriterionSpec(null, null, null, true, "'a'"),
                SourceExtractors.Default.CLIENT_IP, "sourceCriterion"))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("mutually exclusive");
    }
}

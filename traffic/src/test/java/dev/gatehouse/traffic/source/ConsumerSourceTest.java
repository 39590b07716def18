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

class ConsumerSourceTest {
    private static final SourceCriterionSpec BY_CONSUMER = new SourceCriterionSpec(null, null, null, true, null);

    private static String key(SourceCriterionSpec spec, Consumer consumer, String... headers) {
        RequestContext ctx = Exchanges.ctx("192.0.2.7");
        if (consumer != null) {
            ctx.set(StandardAttributes.CONSUMER, consumer);
        }
        return SourceExtractors.of(spec, SourceExtractors.Default.CLIENT_IP, "sourceCriterion")
                .extract(ctx, Exchanges.get(headers));
    }

    private static Consumer consumer(String id) {
        return new Consumer(id, List.of(), List.of(), Map.of(), null, "apiKey");
    }

    @Test
    void authenticatedConsumersAreKeyedByTheirId() {
        assertThat(key(BY_CONSUMER, consumer("alice"))).isEqualTo("consumer:alice");
        assertThat(key(BY_CONSUMER, consumer("bob"))).isEqualTo("consumer:bob");
    }

    @Test
    void anonymousOrAbsentConsumersFallBackToTheClientIp() {
        assertThat(key(BY_CONSUMER, Consumer.anonymous())).isEqualTo("192.0.2.7");
        assertThat(key(BY_CONSUMER, null)).isEqualTo("192.0.2.7");
    }

    @Test
    void aConsumerIdThatLooksLikeAnIpNeverSharesTheIpsKey() {
        assertThat(key(BY_CONSUMER, consumer("192.0.2.7"))).isNotEqualTo(key(BY_CONSUMER, null));
    }

    @Test
    void ipStrategyPicksTheFallbackIp() {
        SourceCriterionSpec spec = new SourceCriterionSpec(new IpStrategySpec(1, null, null), null, null, true,
                null);
        assertThat(key(spec, null, "X-Forwarded-For", "203.0.113.5, 198.51.100.9")).isEqualTo("198.51.100.9");
        assertThat(key(spec, consumer("carol"), "X-Forwarded-For", "203.0.113.5")).isEqualTo("consumer:carol");
    }

    @Test
    void consumerExcludesHeaderAndHost() {
        assertThatThrownBy(() -> SourceExtractors.of(new SourceCriterionSpec(null, "X-Key", null, true, null),
                SourceExtractors.Default.CLIENT_IP, "sourceCriterion"))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("mutually exclusive");
        assertThatThrownBy(() -> SourceExtractors.of(new SourceCriterionSpec(null, null, true, true, null),
                SourceExtractors.Default.CLIENT_IP, "sourceCriterion"))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("mutually exclusive");
    }

    @Test
    void consumerFalseChangesNothing() {
        SourceCriterionSpec spec = new SourceCriterionSpec(null, null, null, false, null);
        assertThat(key(spec, consumer("alice"))).isEqualTo("192.0.2.7");
    }
}

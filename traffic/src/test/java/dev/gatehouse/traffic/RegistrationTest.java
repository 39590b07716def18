package dev.gatehouse.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.Extensions;
import dev.gatehouse.core.spi.MiddlewareFactory;
import dev.gatehouse.traffic.buffering.BufferingSpec;
import dev.gatehouse.traffic.compress.CompressSpec;
import dev.gatehouse.traffic.inflightreq.InFlightReqSpec;
import dev.gatehouse.traffic.ratelimit.RateLimitSpec;
import dev.gatehouse.traffic.retry.RetrySpec;
import dev.gatehouse.traffic.testing.Exchanges;
import dev.gatehouse.traffic.quota.QuotaPeriod;
import dev.gatehouse.traffic.quota.QuotaSpec;
import dev.gatehouse.traffic.testing.FakeBuildContext;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RegistrationTest {
    static java.util.stream.Stream<Arguments> kinds() {
        return java.util.stream.Stream.of(
                Arguments.of("rateLimit", new RateLimitSpec(10L, null, 5L, null, null, null)),
                Arguments.of("quota", new QuotaSpec(10L, QuotaPeriod.DAY, null, null, null)),
                Arguments.of("inFlightReq", new InFlightReqSpec(3L, null)),
                Arguments.of("retry", new RetrySpec(2, null)),
                Arguments.of("compress", new CompressSpec(null, null, null, null, null)),
                Arguments.of("buffering", new BufferingSpec(null, null, null, null, null)));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void builtThroughTheServiceLoader(String kind, Object spec) {
        Map<String, MiddlewareFactory<?>> factories = Extensions.middlewareFactories();
        assertThat(factories).containsKey(kind);
        MiddlewareFactory f = factories.get(kind);
        assertThat(f.specType()).isEqualTo(spec.getClass());
        Middleware m = f.create(spec, new FakeBuildContext());
        var ctx = Exchanges.ctx();
        HttpResponse resp = m.handle(ctx, Exchanges.get(), (c, r) -> HttpResponse.of(200));
        assertThat(resp.isReady()).isTrue();
        assertThat(resp.status()).isEqualTo(200);
        ctx.complete();
    }
}

package dev.gatehouse.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.spi.Extensions;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.redis.RedisSpec;
import dev.gatehouse.testing.exchange.TestBuildContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec validation and registration. */
class HttpCacheFactoryTest {
    private static InvalidSpecException invalid(HttpCacheSpec spec) {
        try {
            new HttpCacheFactory().create(spec, TestBuildContext.simple());
        } catch (InvalidSpecException e) {
            return e;
        }
        throw new AssertionError("expected an invalid spec");
    }

    @Test
    void isRegisteredAsHttpCache() {
        assertThat(Extensions.middlewareFactories()).containsKey("httpCache");
        assertThat(Extensions.middlewareFactories().get("httpCache").specType()).isEqualTo(HttpCacheSpec.class);
    }

    @Test
    void defaultsBuild() {
        assertThat(new HttpCacheFactory().create(CacheHarness.spec(), TestBuildContext.simple())).isNotNull();
    }

    @Test
    void redisSpecIsValidated() {
        RedisSpec pooled = new RedisSpec(List.of("127.0.0.1:6379"), null, null, null, null, 5, null, null, null, null,
                null);
        assertThat(invalid(CacheHarness.spec(null, null, null, null, null, null, pooled)).keyPath())
                .isEqualTo("redis.poolSize");
        RedisSpec two = new RedisSpec(List.of("a:1", "b:2"), null, null, null, null, null, null, null, null, null,
                null);
        assertThat(invalid(CacheHarness.spec(null, null, null, null, null, null, two)).keyPath())
                .isEqualTo("redis.endpoints");
    }

    @Test
    void sizesAreChecked() {
        assertThat(invalid(CacheHarness.spec(0L, null, null, null, null, null, null)).keyPath()).isEqualTo("maxSize");
        assertThat(invalid(CacheHarness.spec(1000L, 2000L, null, null, null, null, null)).keyPath())
                .isEqualTo("maxEntrySize");
        assertThat(invalid(CacheHarness.spec(null, -1L, null, null, null, null, null)).keyPath())
                .isEqualTo("maxEntrySize");
    }

    @Test
    void statusCodesAndKeyHeadersAreChecked() {
        assertThat(invalid(CacheHarness.spec(null, null, null, List.of(200, 304), null, null, null)).keyPath())
                .isEqualTo("cacheableStatusCodes[1]");
        assertThat(invalid(CacheHarness.spec(null, null, null, null, null, List.of("X-Ok", "bad header"), null))
                .keyPath()).isEqualTo("keyHeaders[1]");
        assertThat(invalid(CacheHarness.spec(null, null, java.time.Duration.ofSeconds(-1), null, null, null, null))
                .keyPath()).isEqualTo("defaultTtl");
    }
}

package dev.gatehouse.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.config.SpecBinder;
import dev.gatehouse.config.SpecBindingException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every documented key binds from config, and an unknown key is an error. */
class HttpCacheSpecBindingTest {
    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void everyKeyBinds() throws Exception {
        HttpCacheSpec spec = SpecBinder.bind(json("""
                {"maxSize": 1048576, "maxEntrySize": "4096", "defaultTtl": "30s",
                 "cacheableStatusCodes": [200, 404], "storeSetCookie": true, "keyHeaders": ["X-Tenant"],
                 "redis": {"endpoints": ["127.0.0.1:6390"], "db": 2, "readTimeout": "1s"}}
                """), HttpCacheSpec.class, "http.middlewares.c.httpCache", null);
        assertThat(spec.maxSize()).isEqualTo(1048576L);
        assertThat(spec.maxEntrySize()).isEqualTo(4096L);
        assertThat(spec.defaultTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(spec.cacheableStatusCodes()).containsExactly(200, 404);
        assertThat(spec.storeSetCookie()).isTrue();
        assertThat(spec.keyHeaders()).containsExactly("X-Tenant");
        assertThat(spec.redis().endpoints()).containsExactly("127.0.0.1:6390");
        assertThat(spec.redis().db()).isEqualTo(2);
        assertThat(spec.redis().readTimeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void unknownKeyIsAnError() {
        assertThatThrownBy(() -> SpecBinder.bind(json("{\"maxSizes\": 1}"), HttpCacheSpec.class,
                "http.middlewares.c.httpCache", null))
                .isInstanceOf(SpecBindingException.class)
                .hasMessageContaining("maxSizes");
    }

    @Test
    void defaultsAreDocumentedValues() {
        assertThat(HttpCacheFactory.DEFAULT_MAX_SIZE).isEqualTo(64L * 1024 * 1024);
        assertThat(HttpCacheFactory.DEFAULT_MAX_ENTRY_SIZE).isEqualTo(1024L * 1024);
        HttpCacheSpec empty = SpecBinder.bind(null, HttpCacheSpec.class, "c", null);
        assertThat(List.of(empty.maxSize() == null, empty.redis() == null, empty.defaultTtl() == null))
                .containsOnly(true);
    }
}

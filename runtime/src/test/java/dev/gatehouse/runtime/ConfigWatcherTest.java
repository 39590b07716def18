package dev.gatehouse.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.runtime.spi.ProviderState;
import dev.gatehouse.testing.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ConfigWatcherTest {
    private static ProviderState state(String content) {
        return new ProviderState("file", List.of(new ProviderState.Source("a.yaml", content)), Path.of("."), null);
    }

    @Test
    void burstCollapsesToTheLatestAndUnchangedIsDropped() {
        List<String> applied = new CopyOnWriteArrayList<>();
        try (ConfigWatcher w = new ConfigWatcher(Duration.ofMillis(300),
                m -> applied.add(m.get("file").sources().getFirst().content()))) {
            w.applyNow(Map.of("file", state("v1")));
            assertThat(applied).containsExactly("v1");
            for (int i = 2; i <= 20; i++) {
                w.publish(state("v" + i));
            }
            Eventually.await(Duration.ofSeconds(5), "v20 applied", () -> applied.contains("v20"));
            assertThat(applied).containsExactly("v1", "v20");
            w.publish(state("v20"));
            w.publish(state("v21"));
            Eventually.await(Duration.ofSeconds(5), "v21 applied", () -> applied.contains("v21"));
            assertThat(applied).containsExactly("v1", "v20", "v21");
        }
    }

    @Test
    void throttleSpacesApplies() {
        List<Long> times = new CopyOnWriteArrayList<>();
        try (ConfigWatcher w = new ConfigWatcher(Duration.ofMillis(400), m -> times.add(System.nanoTime()))) {
            w.applyNow(Map.of("file", state("a")));
            w.publish(state("b"));
            Eventually.await(Duration.ofSeconds(5), "second apply", () -> times.size() == 2);
            assertThat(times.get(1) - times.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(400).toNanos());
        }
    }
}

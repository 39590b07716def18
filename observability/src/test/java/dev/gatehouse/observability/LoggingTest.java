package dev.gatehouse.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.config.install.LogSpec;
import dev.gatehouse.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoggingTest {
    @Test
    void traefikLevelNamesMap() {
        assertThat(Logging.level(null)).isEqualTo(Level.SEVERE);
        assertThat(Logging.level("trace")).isEqualTo(Level.FINEST);
        assertThat(Logging.level("DEBUG")).isEqualTo(Level.FINE);
        assertThat(Logging.level("INFO")).isEqualTo(Level.INFO);
        assertThat(Logging.level("WARN")).isEqualTo(Level.WARNING);
        assertThat(Logging.level("PANIC")).isEqualTo(Level.SEVERE);
        assertThatThrownBy(() -> Logging.level("LOUD")).hasMessageContaining("log.level");
    }

    @Test
    void jsonLinesGoToTheFileAtTheConfiguredLevel(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("logs/gatehouse.log");
        Logging.configure(new LogSpec("WARN", "json", file.toString()));
        Logger log = Logger.getLogger("dev.gatehouse.test");
        log.info("not logged");
        log.warning("provider \"file\" failed");
        Eventually.await(Duration.ofSeconds(10), "the warning written",
                () -> Files.exists(file) && readQuietly(file).contains("provider"));
        Logging.configure(null);
        String text = Files.readString(file);
        assertThat(text).doesNotContain("not logged").hasLineCount(1);
        JsonNode n = new ObjectMapper().readTree(text);
        assertThat(n.get("level").asText()).isEqualTo("warn");
        assertThat(n.get("message").asText()).isEqualTo("provider \"file\" failed");
        assertThat(n.get("logger").asText()).isEqualTo("dev.gatehouse.test");
        assertThat(n.has("time")).isTrue();
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}

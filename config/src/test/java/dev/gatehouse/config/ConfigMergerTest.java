package dev.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.dynamic.DynamicConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigMergerTest {
    private final ConfigLoader loader = new ConfigLoader(Map.of());

    private static String router(String name, String host) {
        return "http:\n  routers:\n    " + name + ":\n      rule: \"Host(`" + host + "`)\"\n      service: s\n";
    }

    @Test
    void conflictingDefinitionsAreErrorsInBothFilesAndLeftOut() {
        LoadResult<DynamicConfig> merged = ConfigMerger.merge(List.of(
                loader.loadDynamic("a.yaml", router("api", "a.com") + "    only-a:\n      rule: \"Path(`/`)\"\n"
                        + "      service: s\n"),
                loader.loadDynamic("b.yaml", router("api", "b.com"))));

        assertThat(merged.value().http().routers().keySet()).containsExactly("only-a");
        assertThat(merged.invalidElements()).containsExactly("http.routers.api");
        assertThat(merged.errors()).extracting(Diagnostic::toString).containsExactly(
                "a.yaml:3:5: http.routers.api: defined with different content in b.yaml too; left out until the "
                        + "definitions agree",
                "b.yaml:3:5: http.routers.api: defined with different content in a.yaml too; left out until the "
                        + "definitions agree");
        assertThat(merged.sourceMap().at("http.routers.only-a.rule", "x").file()).isEqualTo("a.yaml");
    }

    @Test
    void equalDefinitionsAreKeptOnce() {
        LoadResult<DynamicConfig> merged = ConfigMerger.merge(List.of(
                loader.loadDynamic("a.yaml", router("api", "a.com")),
                loader.loadDynamic("b.toml", "[http.routers.api]\nrule = \"Host(`a.com`)\"\nservice = \"s\"\n")));

        assertThat(merged.errors()).isEmpty();
        assertThat(merged.value().http().routers()).hasSize(1);
    }

    @Test
    void aFileThatDoesNotParseMakesTheWholeMergeFail() {
        LoadResult<DynamicConfig> merged = ConfigMerger.merge(List.of(
                loader.loadDynamic("a.yaml", router("api", "a.com")),
                loader.loadDynamic("b.yaml", "http: [")));

        assertThat(merged.value()).isNull();
        assertThat(merged.errors()).hasSize(1);
        assertThat(merged.errors().getFirst().file()).isEqualTo("b.yaml");
    }

    @Test
    void loadsADirectoryRecursively(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("routers.yaml"), router("api", "a.com"));
        Files.createDirectories(dir.resolve("more"));
        Files.writeString(dir.resolve("more/services.toml"),
                "[[http.services.s.loadBalancer.servers]]\nurl = \"http://10.0.0.1\"\n");
        Files.writeString(dir.resolve("notes.txt"), "not config");

        LoadResult<DynamicConfig> merged = loader.loadDynamicDirectory(dir);

        assertThat(merged.errors()).isEmpty();
        assertThat(merged.value().http().routers()).containsKey("api");
        assertThat(merged.value().http().services().get("s").loadBalancer().servers()).hasSize(1);
    }
}

package dev.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.dynamic.DynamicConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every routing fixture {@code fixtures/NAME.yaml|toml} is loaded and its diagnostics compared line by line with
 * {@code fixtures/NAME.errors} (empty for a valid file).
 */
class GoldenFixturesTest {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> (n.endsWith(".yaml") || n.endsWith(".toml")) && !n.startsWith("install-"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void diagnosticsMatchTheGoldenFile(String name) throws IOException {
        String content = Files.readString(FIXTURES.resolve(name), StandardCharsets.UTF_8);
        LoadResult<DynamicConfig> result = new ConfigLoader(Map.of()).loadDynamic(name, content);
        List<String> actual = result.errors().stream().map(Diagnostic::toString).toList();
        Path golden = FIXTURES.resolve(name.substring(0, name.lastIndexOf('.')) + (name.endsWith(".toml")
                ? ".toml.errors" : ".errors"));
        assertThat(golden).as("golden file for %s; actual:%n%s", name, String.join("\n", actual)).exists();
        List<String> expected = Files.readAllLines(golden, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList();
        assertThat(actual).containsExactlyElementsOf(expected);
    }
}

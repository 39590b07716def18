package dev.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.dynamic.DynamicConfig;
import dev.gatehouse.config.install.InstallConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever text it is given, loading never throws and reports only located diagnostics. Inputs are
 * the fixtures truncated at every length and randomly mutated, with a fixed seed so a failure reproduces.
 */
class LoaderFuzzTest {
    private static final String NOISE = ":-[]{}\"'\n #,.&*!|>@`$\t0123456789abcxyz:\\";
    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @Test
    void truncatedAndMutatedFilesNeverThrow() throws IOException {
        List<String[]> inputs = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.list(GoldenFixturesTest.FIXTURES)) {
            for (java.nio.file.Path p : files.filter(p -> !p.toString().endsWith(".errors")).toList()) {
                inputs.add(new String[] {p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8)});
            }
        }
        Random random = new Random(20240611L);
        int checked = 0;
        for (String[] input : inputs) {
            String text = input[1];
            for (int cut = 0; cut <= text.length(); cut += 3) {
                check(input[0], text.substring(0, cut));
                checked++;
            }
            for (int round = 0; round < 150; round++) {
                check(input[0], mutate(text, random));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }

    private void check(String name, String text) {
        LoadResult<DynamicConfig> dynamic = loader.loadDynamic(name, text);
        assertLocated(name, text, dynamic.value() == null, dynamic.errors());
        String installName = name.endsWith(".toml") ? "install.toml" : "install.yaml";
        LoadResult<InstallConfig> install = loader.loadInstall(installName, text);
        assertLocated(installName, text, install.value() == null, install.errors());
    }

    private static void assertLocated(String name, String text, boolean failed, List<Diagnostic> errors) {
        if (failed) {
            assertThat(errors).as("a file-level failure explains itself:%n%s", text).isNotEmpty();
        }
        for (Diagnostic d : errors) {
            assertThat(d.file()).as(text).isEqualTo(name);
            assertThat(d.message()).as(text).isNotBlank().doesNotContain("internal error");
            assertThat(d.line()).as("line of %s in%n%s", d, text).isBetween(0, (int) text.lines().count() + 2);
        }
    }

    private static String mutate(String text, Random random) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && !sb.isEmpty(); i++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(3)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
                default -> sb.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
            }
        }
        return sb.toString();
    }
}

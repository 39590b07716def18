package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: the {@code ./gatehouse} launcher at the repository's root. */
class LauncherIT {
    private static Path root() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).getParent();
    }

    /** Output and exit code of a finished process. */
    record Done(int code, String output) {
    }

    private static Done run(ProcessBuilder pb, Path dir) throws Exception {
        Path out = dir.resolve("out.txt");
        Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished within 60 s").isTrue();
        return new Done(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    @Test
    void findsAJdk25ByItselfAndRunsTheBuiltDistribution(@TempDir Path dir) throws Exception {
        // The distribution is newer than every source here (the build just made it), so nothing is rebuilt.
        ProcessBuilder pb = new ProcessBuilder("bash", root().resolve("gatehouse").toString(), "version");
        pb.environment().remove("JAVA_HOME");
        Done d = run(pb, dir);
        assertThat(d.code()).as(d.output()).isZero();
        assertThat(d.output()).doesNotContain("building the distribution")
                .contains("gatehouse " + Version.get());
    }

    @Test
    void withoutAJdk25ItStopsAndSaysHowToGetOne(@TempDir Path dir) throws Exception {
        // Only `cat` on PATH (no java), no JAVA_HOME, and no install folder to search.
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("cat"), Path.of("/bin/cat"));
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", ". \"$1\"; gh_find_jdk demo", "gatehouse",
                root().resolve("scripts/find-jdk.sh").toString());
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(Map.of("PATH", bin.toString(), "HOME", dir.toString(),
                "GATEHOUSE_JDK_DIRS", dir.resolve("no-jdk-here").toString()));
        Done d = run(pb, dir);
        assertThat(d.code()).isEqualTo(1);
        assertThat(d.output()).startsWith("gatehouse: no JDK 25 found.")
                .contains("Eclipse Temurin 25: https://adoptium.net")
                .contains("JAVA_HOME=/path/to/jdk-25 gatehouse demo");
    }
}

package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.FreePort;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Acceptance: the command line, in process and as the shaded jar in its own JVM. */
class CliIT {
    private static final String GOOD_ROUTES = """
            http:
              routers:
                api:
                  rule: "PathPrefix(`/api`)"
                  service: api
              services:
                api:
                  loadBalancer:
                    servers: [{url: "http://127.0.0.1:9"}]
            """;

    /** Output and exit code of one in-process command. */
    record Run(int code, String out, String err) {
    }

    private static synchronized Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new Main()).execute(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static Path writeConfig(Path dir, String routes) throws Exception {
        Path install = dir.resolve("gatehouse.yaml");
        Files.writeString(install, TestGateway.install());
        Files.writeString(dir.resolve("routes.yaml"), routes);
        return install;
    }

    @Test
    void validateAcceptsAGoodConfig(@TempDir Path dir) throws Exception {
        Run r = run("validate", "-c", writeConfig(dir, GOOD_ROUTES).toString());
        assertThat(r.code()).as("stdout: %s stderr: %s", r.out(), r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("are valid");
    }

    @Test
    void validateReportsABadRuleWithFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path install = writeConfig(dir, """
                http:
                  routers:
                    api:
                      rule: "Hots(`a.test`)"
                      service: api
                  services:
                    api:
                      loadBalancer:
                        servers: [{url: "http://127.0.0.1:9"}]
                """);
        Run r = run("validate", "-c", install.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out().lines().toList()).hasSize(1);
        // line 4, column 14: the rule's first character inside the quotes
        assertThat(r.out().strip()).startsWith(
                "routes.yaml:4:14: http.routers.api.rule: unknown matcher \"Hots\" at column 1 (expected one of Host,");
    }

    @Test
    void validateReportsAnInstallConfigError(@TempDir Path dir) throws Exception {
        Path install = dir.resolve("gatehouse.yaml");
        Files.writeString(install, "entryPoints:\n  web:\n    adress: \":80\"\n");
        Run r = run("validate", "-c", install.toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.out()).contains("gatehouse.yaml:3:5:").contains("unknown key \"adress\"");
    }

    @Test
    void versionPrintsTheVersion() {
        Run r = run("version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("gatehouse " + Version.get() + "\n");
        assertThat(Version.get()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    private static Path shadedJar() {
        Path jar = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target", "gatehouse.jar");
        assertThat(jar).as("the shaded jar (built by package, before integration tests)").isRegularFile();
        return jar;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void theShadedJarPrintsItsVersion(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(java(), "-jar", shadedJar().toString(), "version")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(Files.readString(out)).startsWith("gatehouse " + Version.get());
    }

    @Test
    void demoServesTwoInstancesAndStopsOnSigterm(@TempDir Path dir) throws Exception {
        int port = FreePort.next();
        int adminPort = FreePort.next();
        Path out = dir.resolve("demo.out");
        Path err = dir.resolve("demo.err");
        Process p = new ProcessBuilder(java(), "-Djava.io.tmpdir=" + dir, "-jar", shadedJar().toString(),
                "demo", "--port", Integer.toString(port), "--admin-port", Integer.toString(adminPort))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            String url = "http://127.0.0.1:" + port + "/whoami";
            Eventually.await(Duration.ofSeconds(30), "the demo to answer /whoami", () -> {
                if (!p.isAlive()) {
                    throw new AssertionError("demo exited early: " + read(out) + read(err));
                }
                try {
                    return Http.get(url).statusCode() == 200;
                } catch (RuntimeException e) {
                    return false;
                }
            });
            Set<String> instances = new HashSet<>();
            for (int i = 0; i < 10 && instances.size() < 2; i++) {
                HttpResponse<String> r = Http.get(url);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("X-Gatehouse-Demo")).hasValue("true");
                instances.add(Http.json(r.body()).get("instance").asText());
            }
            assertThat(instances).containsExactlyInAnyOrder("whoami-1", "whoami-2");
            assertThat(Http.get("http://127.0.0.1:" + adminPort + "/ping").body()).isEqualTo("OK");
            assertThat(read(out)).contains("Gatehouse demo is running")
                    .contains("curl http://127.0.0.1:" + port + "/whoami");
            demoApiNeedsTheKeyOrTheTokenItPrinted(read(out), "http://127.0.0.1:" + port + "/api");

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("exited within 15 s of SIGTERM").isTrue();
            assertThat(p.exitValue()).isIn(0, 143);
            assertThat(read(err)).contains("stopping, draining in-flight requests");
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The demo's /api route takes the API key or the JWT that the demo printed, and nothing else. */
    private static void demoApiNeedsTheKeyOrTheTokenItPrinted(String output, String api) {
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("X-Api-Key: (gh-demo-[0-9a-f]+)").matcher(output);
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("Bearer ([A-Za-z0-9_.-]+)").matcher(output);
        assertThat(key.find()).as("the demo prints an API key").isTrue();
        assertThat(token.find()).as("the demo prints a token").isTrue();
        assertThat(Http.get(api).statusCode()).isEqualTo(401);
        assertThat(Http.get(api, "X-Api-Key", "gh-demo-0000").statusCode()).isEqualTo(401);
        HttpResponse<String> withKey = Http.get(api, "X-Api-Key", key.group(1));
        assertThat(withKey.statusCode()).isEqualTo(200);
        assertThat(Http.json(withKey.body()).get("headers").has("X-Api-Key")).as("key not forwarded").isFalse();
        HttpResponse<String> withToken = Http.get(api, "Authorization", "Bearer " + token.group(1));
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(Http.json(withToken.body()).get("headers").get("X-Consumer-Id").asText()).isEqualTo("demo-user");
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void everyCommandAnswersHelpWithItsOwnUsage() {
        for (String c : List.of("run", "validate", "demo", "version")) {
            Run r = run(c, "--help");
            assertThat(r.code()).as(c).isZero();
            assertThat(r.out()).as(c).startsWith("Usage: gatehouse " + c);
        }
        assertThat(run("run", "--help").out()).contains("-c, --config");
        assertThat(run("demo", "--help").out()).contains("--port").contains("--admin-port");
    }

    @Test
    void runServesItsConfigAsTheShadedJarAndStopsOnSigterm(@TempDir Path dir) throws Exception {
        try (Backends backends = new Backends()) {
            int port = FreePort.next();
            Path install = dir.resolve("gatehouse.yaml");
            Files.writeString(install, """
                    entryPoints:
                      web:
                        address: "127.0.0.1:%d"
                    providers:
                      file:
                        filename: routes.yaml
                    """.formatted(port));
            Files.writeString(dir.resolve("routes.yaml"), TestGateway.everyPathTo(backends.whoami("app").url()));
            Path out = dir.resolve("run.out");
            Process p = new ProcessBuilder(java(), "-jar", shadedJar().toString(), "run", "-c", install.toString())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            try {
                String url = "http://127.0.0.1:" + port + "/hello";
                Eventually.await(Duration.ofSeconds(30), "run to answer", () -> {
                    if (!p.isAlive()) {
                        throw new AssertionError("run exited early: " + read(out));
                    }
                    try {
                        return Http.get(url).statusCode() == 200;
                    } catch (RuntimeException e) {
                        return false;
                    }
                });
                assertThat(Http.json(Http.get(url).body()).get("instance").asText()).isEqualTo("app");
                p.destroy(); // SIGTERM
                assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("exited within 15 s of SIGTERM").isTrue();
                assertThat(p.exitValue()).isIn(0, 143);
            } finally {
                if (p.isAlive()) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    @Test
    void helpListsTheCommands() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        for (String c : List.of("run", "validate", "demo", "version")) {
            assertThat(r.out()).contains(c);
        }
    }
}

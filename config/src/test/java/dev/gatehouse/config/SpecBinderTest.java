package dev.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gatehouse.config.dynamic.DynamicConfig;
import dev.gatehouse.config.dynamic.MiddlewareSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecBinderTest {
    /** A sample middleware spec, as a factory in another module would declare it. */
    public record RetrySpec(int attempts, Duration initialInterval, List<Rule> rules, Map<String, String> headers,
                            Mode mode) {
        public RetrySpec {
            if (attempts < 0) {
                throw new IllegalArgumentException("attempts must be 0 or more");
            }
        }
    }

    /** A nested record in a list. */
    public record Rule(String path, List<Integer> statuses) {
    }

    /** An enum bound by name. */
    public enum Mode { FAST, SAFE }

    private static LoadResult<DynamicConfig> load(String middlewareBody) {
        return new ConfigLoader(Map.of()).loadDynamic("m.yaml",
                "http:\n  middlewares:\n    retry:\n      retry:\n" + middlewareBody);
    }

    private static <T> T bind(LoadResult<DynamicConfig> result, Class<T> type) throws SpecBindingException {
        MiddlewareSpec spec = result.value().http().middlewares().get("retry");
        return SpecBinder.bind(spec.config(), type, spec.configPath(), result.sourceMap());
    }

    @Test
    void bindsRecordsWithDurationsNestedListsMapsAndEnums() throws SpecBindingException {
        LoadResult<DynamicConfig> result = load("""
                        attempts: 4
                        initialInterval: 100ms
                        mode: safe
                        headers: {X-Retry: "yes"}
                        rules:
                          - path: /a
                            statuses: [502, 503]
                          - path: /b
                """);

        RetrySpec spec = bind(result, RetrySpec.class);

        assertThat(spec).isEqualTo(new RetrySpec(4, Duration.ofMillis(100),
                List.of(new Rule("/a", List.of(502, 503)), new Rule("/b", null)), Map.of("X-Retry", "yes"),
                Mode.SAFE));
    }

    @Test
    void absentPrimitivesAreZeroAndNullConfigIsEmpty() throws SpecBindingException {
        assertThat(SpecBinder.bind(null, RetrySpec.class, "x", null))
                .isEqualTo(new RetrySpec(0, null, null, null, null));
    }

    @Test
    void reportsEveryProblemLocatedInTheFile() {
        LoadResult<DynamicConfig> result = load("""
                        attemps: 4
                        initialInterval: soon
                        mode: slow
                        rules:
                          - path: /a
                            statuses: "502"
                          - 7
                """);

        SpecBindingException e = catchThrowableOfType(SpecBindingException.class,
                () -> bind(result, RetrySpec.class));

        assertThat(e.diagnostics()).extracting(Diagnostic::toString).containsExactly(
                "m.yaml:5:9: http.middlewares.retry.retry.attemps: unknown key \"attemps\" (did you mean \"attempts\"?)",
                "m.yaml:6:9: http.middlewares.retry.retry.initialInterval: invalid duration \"soon\": expected a "
                        + "number with a unit, such as 10s, 1m30s or 100ms, or a number of seconds",
                "m.yaml:7:9: http.middlewares.retry.retry.mode: expected one of FAST, SAFE, got \"slow\"",
                "m.yaml:10:13: http.middlewares.retry.retry.rules[0].statuses: expected a list of integers, got a "
                        + "string",
                "m.yaml:11:13: http.middlewares.retry.retry.rules[1]: expected an object, got a number");
    }

    @Test
    void constructorChecksBecomeDiagnosticsOnTheSpec() {
        LoadResult<DynamicConfig> result = load("        attempts: -2\n");

        assertThatThrownBy(() -> bind(result, RetrySpec.class)).isInstanceOf(SpecBindingException.class)
                .hasMessage("m.yaml:4:7: http.middlewares.retry.retry: attempts must be 0 or more");
    }

    @Test
    void joinsRelativePathsFromInvalidSpecExceptions() {
        assertThat(KeyPath.join("http.middlewares.a.stripPrefix", "prefixes[0]"))
                .isEqualTo("http.middlewares.a.stripPrefix.prefixes[0]");
        assertThat(KeyPath.join("a.b", "[2].name")).isEqualTo("a.b[2].name");
        assertThat(KeyPath.join("a.b", "")).isEqualTo("a.b");
    }
}

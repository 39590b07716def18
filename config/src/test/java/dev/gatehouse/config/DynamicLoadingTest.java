package dev.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.dynamic.DomainSpec;
import dev.gatehouse.config.dynamic.DynamicConfig;
import dev.gatehouse.config.dynamic.LoadBalancerSpec;
import dev.gatehouse.config.dynamic.MiddlewareSpec;
import dev.gatehouse.config.dynamic.RouterSpec;
import dev.gatehouse.config.dynamic.RouterTlsSpec;
import dev.gatehouse.config.dynamic.ServerSpec;
import dev.gatehouse.config.dynamic.ServersTransportSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynamicLoadingTest {
    private final ConfigLoader loader = new ConfigLoader(Map.of());

    private LoadResult<DynamicConfig> fixture(String name) throws IOException {
        return loader.loadDynamic(GoldenFixturesTest.FIXTURES.resolve(name));
    }

    @Test
    void documentedRouterExampleGivesTheExpectedRecords() throws IOException {
        LoadResult<DynamicConfig> result = fixture("routers-valid.yaml");

        assertThat(result.ok()).isTrue();
        Map<String, RouterSpec> routers = result.value().http().routers();
        assertThat(routers.keySet()).containsExactly("my-router", "plain");
        assertThat(routers.get("my-router")).isEqualTo(new RouterSpec(List.of("web", "websecure"),
                "Host(`example.com`) && Path(`/api`)", null, 10, List.of("auth", "ratelimit"), "my-service",
                new RouterTlsSpec(null, null, null)));
        assertThat(routers.get("plain").tls()).isEqualTo(new RouterTlsSpec("modern", null,
                List.of(new DomainSpec("example.com", List.of("*.example.com")))));
    }

    @Test
    void documentedServiceExampleBindsCaseInsensitiveKeysAndQuotedNumbers() throws IOException {
        LoadResult<DynamicConfig> result = fixture("services-valid.yaml");

        assertThat(result.errors()).isEmpty();
        LoadBalancerSpec lb = result.value().http().services().get("my-service").loadBalancer();
        assertThat(lb.servers()).containsExactly(new ServerSpec("http://private-ip-server-1/", 2, true));
        assertThat(lb.healthCheck().path()).isEqualTo("/health");
        assertThat(lb.healthCheck().interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(lb.passiveHealthCheck().maxFailedAttempts()).isEqualTo(3);
        assertThat(lb.responseForwarding().flushInterval()).isEqualTo(Duration.ofMillis(150));
        assertThat(result.value().http().services().get("app").weighted().services()).hasSize(2);
        assertThat(result.value().http().services().get("mirrored-api").mirroring().maxBodySize()).isEqualTo(1024L);
        assertThat(result.value().http().services().get("fo").failover().fallback()).isEqualTo("backup");
    }

    @Test
    void tomlAndYamlGiveEqualRecords() throws IOException {
        LoadResult<DynamicConfig> yaml = fixture("services-valid.yaml");
        LoadResult<DynamicConfig> toml = fixture("services-valid.toml");

        assertThat(toml.errors()).isEmpty();
        assertThat(toml.value()).isEqualTo(yaml.value());
    }

    @Test
    void transportDurationsAcceptGoStringsAndBareSeconds() throws IOException {
        ServersTransportSpec t = fixture("transports-valid.yaml").value().http().serversTransports().get("mytransport");

        assertThat(t.rootCAs()).containsExactly("/path/to/rootca1.pem", "/path/to/rootca2.pem");
        assertThat(t.forwardingTimeouts().dialTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(t.forwardingTimeouts().pingTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(t.certificates().getFirst().keyFile()).isEqualTo("/path/to/key1.pem");
    }

    @Test
    void invalidElementsAreLeftOutAndListedWhileTheRestApplies() throws IOException {
        LoadResult<DynamicConfig> result = fixture("invalid-routers.yaml");

        assertThat(result.value().http().routers().keySet()).containsExactly("good");
        assertThat(result.invalidElements()).containsExactly("http.routers.typo", "http.routers.no-service",
                "http.routers.v2", "http.routers.observed", "http.routers.acme", "http.routers.wrong-types",
                "http.routers.bad@name");
        for (String element : result.invalidElements()) {
            assertThat(result.errorsFor(element)).as(element).isNotEmpty();
        }
    }

    @Test
    void duplicateKeyInvalidatesItsElement() throws IOException {
        LoadResult<DynamicConfig> result = fixture("duplicates.yaml");

        assertThat(result.value().http().routers().keySet()).containsExactly("ok");
        assertThat(result.invalidElements()).containsExactly("http.routers.api");
    }

    @Test
    void middlewaresKeepTheirKindAndConfigAndAcceptThePluginSpelling() throws IOException {
        Map<String, MiddlewareSpec> middlewares = fixture("invalid-misc.yaml").value().http().middlewares();

        assertThat(middlewares.keySet()).containsExactly("strip", "hub-jwt");
        assertThat(middlewares.get("strip").kind()).isEqualTo("stripPrefix");
        assertThat(middlewares.get("strip").config().get("prefixes").get(0).asText()).isEqualTo("/api");
        assertThat(middlewares.get("strip").configPath()).isEqualTo("http.middlewares.strip.stripPrefix");
        assertThat(middlewares.get("hub-jwt").kind()).isEqualTo("jwt");
        assertThat(middlewares.get("hub-jwt").configPath()).isEqualTo("http.middlewares.hub-jwt.plugin.jwt");
        assertThat(middlewares.get("hub-jwt").config().get("signingSecret").asText()).isEqualTo("s");
    }

    @Test
    void middlewareWithoutSettingsGetsAnEmptyObject() {
        LoadResult<DynamicConfig> result = loader.loadDynamic("m.yaml", "http:\n  middlewares:\n    g:\n      grpcWeb:\n");

        assertThat(result.errors()).isEmpty();
        assertThat(result.value().http().middlewares().get("g").config().isObject()).isTrue();
    }

    @Test
    void otherModulesLocateErrorsInsideAValue() {
        String yaml = "http:\n  routers:\n    api:\n      rule: \"Hots(`a`)\"\n      service: s\n";
        LoadResult<DynamicConfig> result = loader.loadDynamic("dynamic.yaml", yaml);

        Diagnostic d = result.sourceMap().at("http.routers.api.rule", 0, "unknown matcher \"Hots\"");
        assertThat(d.toString()).isEqualTo("dynamic.yaml:4:14: http.routers.api.rule: unknown matcher \"Hots\"");
        assertThat(result.sourceMap().position("http.routers.api.service")).hasValueSatisfying(
                p -> assertThat(p).containsExactly(5, 7));
        assertThat(result.sourceMap().position("http.routers.nope")).isEmpty();
        assertThat(result.sourceMap().at("http.routers.api.tls.options", "x").line()).isEqualTo(3);
    }

    @Test
    void namesWithDotsAreBracketedInPaths() {
        String yaml = "http:\n  services:\n    api.v1:\n      loadBalancer:\n        servers: []\n";
        LoadResult<DynamicConfig> result = loader.loadDynamic("d.yaml", yaml);

        assertThat(result.errors()).extracting(Diagnostic::toString).containsExactly(
                "d.yaml:5:9: http.services[\"api.v1\"].loadBalancer.servers: a load balancer needs at least one server");
        assertThat(result.invalidElements()).containsExactly(KeyPath.of("http", "services", "api.v1"));
    }

    @Test
    void tomlPositionsCoverQuotedKeysArrayTablesAndInlineValues() {
        String toml = """
                [http.routers."a.b"]
                  rule = 'Host(`x`)'
                  service = "s"
                  entryPoints = [
                    "web",
                    "websecure",
                  ]
                """;
        LoadResult<DynamicConfig> result = loader.loadDynamic("d.toml", toml);

        assertThat(result.errors()).isEmpty();
        String rule = KeyPath.of("http", "routers", "a.b", "rule");
        assertThat(result.sourceMap().at(rule, 5, "m").toString()).isEqualTo("d.toml:2:16: " + rule + ": m");
        assertThat(result.sourceMap().position(KeyPath.index(KeyPath.of("http", "routers", "a.b", "entryPoints"), 1)))
                .hasValueSatisfying(p -> assertThat(p).containsExactly(6, 5));
    }

    @Test
    void fileLevelFailuresGiveNoValue(@TempDir Path dir) throws IOException {
        Path binary = dir.resolve("bad.yaml");
        Files.write(binary, new byte[] {(byte) 0xC3, (byte) 0x28});

        assertThat(loader.loadDynamic(binary).value()).isNull();
        assertThat(loader.loadDynamic(binary).errors().getFirst().message()).contains("not UTF-8");
        assertThat(loader.loadDynamic(dir.resolve("missing.yaml")).errors().getFirst().message())
                .startsWith("cannot read file");
        assertThat(loader.loadDynamic("x.json", "{}").errors().getFirst().message()).contains("unsupported file type");
        assertThat(loader.loadDynamic("x.yaml", "- a\n- b\n").value()).isNull();
        assertThat(loader.loadDynamic("x.toml", "a = \n").errors().getFirst().line()).isEqualTo(1);
    }

    @Test
    void emptyFileIsAnEmptyConfig() {
        LoadResult<DynamicConfig> result = loader.loadDynamic("empty.yaml", "# nothing yet\n");

        assertThat(result.ok()).isTrue();
        assertThat(result.value()).isEqualTo(DynamicConfig.empty());
    }

    @Test
    void loadBalancerAcceptsH2cAndUnderscoreHosts() {
        String yaml = "http:\n  services:\n    s:\n      loadBalancer:\n        strategy: p2c\n        servers:\n"
                + "          - url: h2c://grpc_backend:50051\n";
        LoadResult<DynamicConfig> result = loader.loadDynamic("d.yaml", yaml);

        assertThat(result.errors()).isEmpty();
        assertThat(result.value().http().services().get("s").loadBalancer().strategy()).isEqualTo("p2c");
    }
}

package dev.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.install.InstallConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstallConfigTest {
    private static final String EXAMPLE = """
            global:
              checkNewVersion: false
              sendAnonymousUsage: false
            entryPoints:
              web:
                address: ":${WEB_PORT:-8080}"
                http:
                  redirections:
                    entryPoint:
                      to: websecure
                      scheme: https
              websecure:
                address: "${BIND}:8443"
                transport:
                  respondingTimeouts:
                    readTimeout: 30
                    idleTimeout: 3m
            providers:
              providersThrottleDuration: 1s
              file:
                directory: /etc/gatehouse/dynamic
                watch: true
            log:
              level: INFO
            accessLog:
              format: json
            """;

    @Test
    void substitutesTheEnvironmentAndBindsEverything() {
        LoadResult<InstallConfig> result = new ConfigLoader(Map.of("BIND", "127.0.0.1"))
                .loadInstall("gatehouse.yaml", EXAMPLE);

        assertThat(result.errors()).isEmpty();
        InstallConfig c = result.value();
        assertThat(c.entryPoints().get("web").address()).isEqualTo(":8080");
        assertThat(c.entryPoints().get("websecure").address()).isEqualTo("127.0.0.1:8443");
        assertThat(c.entryPoints().get("websecure").transport().respondingTimeouts().readTimeout())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(c.entryPoints().get("websecure").transport().respondingTimeouts().idleTimeout())
                .isEqualTo(Duration.ofMinutes(3));
        assertThat(c.entryPoints().get("web").http().redirections().entryPoint().to()).isEqualTo("websecure");
        assertThat(c.providers().file().directory()).isEqualTo("/etc/gatehouse/dynamic");
        assertThat(c.providers().providersThrottleDuration()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void environmentOverridesTheDefault() {
        LoadResult<InstallConfig> result = new ConfigLoader(Map.of("BIND", "::1", "WEB_PORT", "9000"))
                .loadInstall("gatehouse.yaml", EXAMPLE.replace("\"${BIND}:8443\"", "\"[${BIND}]:8443\""));

        assertThat(result.errors()).isEmpty();
        assertThat(result.value().entryPoints().get("web").address()).isEqualTo(":9000");
        assertThat(EntryPointAddress.parse(result.value().entryPoints().get("websecure").address()).host())
                .isEqualTo("::1");
    }

    @Test
    void unsetVariableWithoutDefaultIsAnErrorAtItsColumn() {
        LoadResult<InstallConfig> result = new ConfigLoader(Map.of()).loadInstall("gatehouse.yaml", EXAMPLE);

        assertThat(result.errors()).extracting(Diagnostic::toString).containsExactly(
                "gatehouse.yaml:13:15: entryPoints.websecure.address: environment variable \"BIND\" is not set "
                        + "(write ${BIND:-value} to give a default)");
    }

    @Test
    void numbersFromTheEnvironmentBindToIntegerKeys() {
        String yaml = "ping:\n  terminatingStatusCode: ${CODE}\n";
        LoadResult<InstallConfig> result = new ConfigLoader(Map.of("CODE", "503")).loadInstall("g.yml", yaml);

        assertThat(result.errors()).isEmpty();
        assertThat(result.value().ping().terminatingStatusCode()).isEqualTo(503);
    }

    @Test
    void reportsEveryInstallProblemWithItsPlace() {
        String yaml = """
                global:
                  checkNewVersion: true
                entryPoints:
                  dns:
                    address: ":53/udp"
                  big:
                    address: ":70000"
                  v6:
                    address: "::1:80"
                  proxied:
                    address: ":81"
                    proxyProtocol:
                      insecure: true
                providers:
                  docker: {}
                  file:
                    filename: a.yaml
                    directory: dir
                log:
                  level: TRACE
                accessLog:
                  format: clf
                tracing: {}
                metrics:
                  prometheus:
                    buckets: [0.1, 0.3]
                    addRouterLabels: true
                """;
        LoadResult<InstallConfig> result = new ConfigLoader(Map.of()).loadInstall("g.yaml", yaml);

        assertThat(result.errors()).extracting(Diagnostic::toString).containsExactly(
                "g.yaml:2:3: global.checkNewVersion: \"checkNewVersion\" is not supported yet (Gatehouse never "
                        + "contacts outside services by itself; set it to false or remove it)",
                "g.yaml:5:5: entryPoints.dns.address: UDP entry points (\"/udp\") are not supported yet",
                "g.yaml:7:5: entryPoints.big.address: port 70000 is out of range (expected 0 to 65535)",
                "g.yaml:9:5: entryPoints.v6.address: invalid address \"::1:80\": write IPv6 addresses in brackets, "
                        + "such as [::1]:8443",
                "g.yaml:12:5: entryPoints.proxied.proxyProtocol: \"proxyProtocol\" is not supported yet",
                "g.yaml:15:3: providers.docker: \"docker\" is not supported yet",
                "g.yaml:16:3: providers.file: the file provider needs exactly one of filename and directory "
                        + "(both are set)",
                "g.yaml:20:3: log.level: log level \"TRACE\" is not supported yet (expected one of DEBUG, INFO, "
                        + "WARN, ERROR)",
                "g.yaml:22:3: accessLog.format: unknown format \"clf\" (expected common or json)",
                "g.yaml:23:1: tracing: \"tracing\" is not supported yet",
                "g.yaml:27:5: metrics.prometheus.addRouterLabels: unknown key \"addRouterLabels\" (did you mean "
                        + "\"addRoutersLabels\"?)");
    }

    @Test
    void tomlInstallConfigBindsTheSameWay() {
        String toml = """
                [entryPoints.web]
                  address = ":80"
                [providers.file]
                  filename = "dynamic.toml"
                [log]
                  level = "DEBUG"
                """;
        LoadResult<InstallConfig> result = new ConfigLoader(Map.of()).loadInstall("g.toml", toml);

        assertThat(result.errors()).isEmpty();
        assertThat(result.value().providers().file().filename()).isEqualTo("dynamic.toml");
        assertThat(result.value().log().level()).isEqualTo("DEBUG");
    }

    @Test
    void consumerMetricsAreAGatehouseKey() {
        LoadResult<InstallConfig> result = new ConfigLoader(Map.of()).loadInstall("g.yaml", """
                entryPoints:
                  web:
                    address: ":8080"
                metrics:
                  prometheus:
                    addConsumersLabels: true
                """);
        assertThat(result.errors()).isEmpty();
        assertThat(result.value().metrics().prometheus().addConsumersLabels()).isTrue();
    }
}

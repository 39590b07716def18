package dev.gatehouse.config.internal;

import dev.gatehouse.config.dynamic.HealthCheckSpec;
import dev.gatehouse.config.dynamic.HttpSection;
import dev.gatehouse.config.dynamic.LoadBalancerSpec;
import dev.gatehouse.config.dynamic.RouterSpec;
import dev.gatehouse.config.dynamic.ServersTransportSpec;
import dev.gatehouse.config.dynamic.ServiceSpec;
import dev.gatehouse.config.dynamic.TlsOptionsSpec;
import dev.gatehouse.config.dynamic.TlsStoreSpec;
import dev.gatehouse.config.install.AccessLogSpec;
import dev.gatehouse.config.install.ApiSpec;
import dev.gatehouse.config.install.EntryPointSpec;
import dev.gatehouse.config.install.InstallConfig;
import dev.gatehouse.config.install.LogSpec;
import dev.gatehouse.config.install.MetricsSpec;
import dev.gatehouse.config.install.PingSpec;
import dev.gatehouse.config.install.ProvidersSpec;
import java.util.List;
import java.util.Map;

/**
 * Keys that Traefik v3 has and Gatehouse does not support yet, by the record they would belong to. Such a key
 * is an error, never silently ignored: a user who copies a Traefik config learns at once what will not work.
 * The list follows Traefik v3's documented static and dynamic configuration.
 */
public final class Unsupported {
    /** Top-level keys of a dynamic (routing) file that Gatehouse does not support yet. */
    public static final List<String> DYNAMIC_ROOT = List.of("tcp", "udp");

    private static final Map<Class<?>, List<String>> KEYS = Map.ofEntries(
            Map.entry(HttpSection.class, List.of("models")),
            Map.entry(RouterSpec.class, List.of("observability", "parentRefs")),
            Map.entry(ServiceSpec.class, List.of("highestRandomWeight")),
            Map.entry(LoadBalancerSpec.class, List.of()),
            Map.entry(HealthCheckSpec.class, List.of()),
            Map.entry(ServersTransportSpec.class, List.of("spiffe", "peerCertURI")),
            Map.entry(TlsOptionsSpec.class, List.of("disableSessionTickets", "preferServerCipherSuites")),
            Map.entry(TlsStoreSpec.class, List.of("defaultGeneratedCert")),
            Map.entry(InstallConfig.class, List.of("serversTransport", "tcpServersTransport", "tracing",
                    "hostResolver", "certificatesResolvers", "experimental", "core", "spiffe", "ocsp")),
            Map.entry(EntryPointSpec.class, List.of("proxyProtocol", "http2", "http3", "udp", "observability",
                    "reusePort", "asDefault", "allowACMEByPass")),
            Map.entry(EntryPointSpec.EntryPointHttpSpec.class, List.of("encodeQuerySemicolons", "sanitizePath",
                    "maxHeaderBytes", "encodedCharacters")),
            Map.entry(EntryPointSpec.TransportSpec.class, List.of("keepAliveMaxRequests", "keepAliveMaxTime")),
            Map.entry(EntryPointSpec.ForwardedHeadersSpec.class, List.of("connection")),
            Map.entry(ProvidersSpec.class, List.of("docker", "swarm", "kubernetesIngress",
                    "kubernetesIngressNGINX", "kubernetesCRD", "kubernetesGateway", "knative", "rest",
                    "consulCatalog", "nomad", "ecs", "consul", "etcd", "zooKeeper", "redis", "http", "plugin")),
            Map.entry(ProvidersSpec.FileProviderSpec.class, List.of("debugLogGeneratedTemplate")),
            Map.entry(ApiSpec.class, List.of("disableDashboardAd", "basePath")),
            Map.entry(PingSpec.class, List.of("entryPoint", "manualRouting")),
            Map.entry(LogSpec.class, List.of("noColor", "maxSize", "maxAge", "maxBackups", "compress")),
            Map.entry(AccessLogSpec.class, List.of("filters", "addInternals", "otlp")),
            Map.entry(MetricsSpec.class, List.of("addInternals", "datadog", "statsD", "influxDB2", "otlp")),
            Map.entry(MetricsSpec.PrometheusSpec.class, List.of("entryPoint", "manualRouting", "headerLabels")));

    private Unsupported() {
    }

    /**
     * Whether a key is a Traefik key that Gatehouse does not support yet.
     *
     * @param type the record the key appears in
     * @param key  the key as written
     * @return the key's Traefik spelling, or null when it is simply unknown
     */
    public static String key(Class<?> type, String key) {
        for (String k : KEYS.getOrDefault(type, List.of())) {
            if (k.equalsIgnoreCase(key)) {
                return k;
            }
        }
        return null;
    }

    /** @return every unsupported key by record, for documentation and tests */
    public static Map<Class<?>, List<String>> all() {
        return KEYS;
    }

    /**
     * The standard message.
     *
     * @param what the key or value, as Traefik spells it
     * @return {@code "X" is not supported yet}
     */
    public static String message(String what) {
        return "\"" + what + "\" is not supported yet";
    }
}

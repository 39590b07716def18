package dev.gatehouse.config.internal;

import dev.gatehouse.config.Diagnostic;
import dev.gatehouse.config.KeyPath;
import dev.gatehouse.config.SourceMap;
import dev.gatehouse.config.dynamic.CertificateSpec;
import dev.gatehouse.config.dynamic.FailoverSpec;
import dev.gatehouse.config.dynamic.HealthCheckSpec;
import dev.gatehouse.config.dynamic.LoadBalancerSpec;
import dev.gatehouse.config.dynamic.MirroringSpec;
import dev.gatehouse.config.dynamic.PassiveHealthCheckSpec;
import dev.gatehouse.config.dynamic.RouterSpec;
import dev.gatehouse.config.dynamic.RouterTlsSpec;
import dev.gatehouse.config.dynamic.ServerSpec;
import dev.gatehouse.config.dynamic.ServersTransportSpec;
import dev.gatehouse.config.dynamic.ServiceSpec;
import dev.gatehouse.config.dynamic.StickySpec;
import dev.gatehouse.config.dynamic.TlsOptionsSpec;
import dev.gatehouse.config.dynamic.TlsStoreSpec;
import dev.gatehouse.config.dynamic.WeightedSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks of one routing element that need nothing outside it: required keys, allowed values, ranges and
 * server URLs. References between elements (a router's service exists) are the runtime's job, since they
 * span files and providers.
 */
final class DynamicValidator {
    private static final List<String> STRATEGIES = List.of("wrr", "p2c");
    private static final List<String> UNSUPPORTED_STRATEGIES = List.of("hrw", "leasttime");
    private static final List<String> SAME_SITE = List.of("none", "lax", "strict");
    private static final List<String> TLS_VERSIONS = List.of("VersionTLS10", "VersionTLS11", "VersionTLS12",
            "VersionTLS13");
    private static final List<String> CLIENT_AUTH = List.of("NoClientCert", "RequestClientCert",
            "RequireAnyClientCert", "VerifyClientCertIfGiven", "RequireAndVerifyClientCert");

    private final SourceMap map;

    DynamicValidator(SourceMap map) {
        this.map = map;
    }

    void router(String name, RouterSpec r, String path, List<Diagnostic> out) {
        required(r.rule(), "rule", path, out);
        required(r.service(), "service", path, out);
        if (r.ruleSyntax() != null) {
            String at = KeyPath.child(path, "ruleSyntax");
            if (r.ruleSyntax().equalsIgnoreCase("v2")) {
                out.add(map.at(at, "ruleSyntax \"v2\" is not supported yet (write the rule in v3 syntax)"));
            } else if (!r.ruleSyntax().equalsIgnoreCase("v3")) {
                out.add(map.at(at, "unknown ruleSyntax \"" + r.ruleSyntax() + "\" (expected v3)"));
            }
        }
        names(r.entryPoints(), KeyPath.child(path, "entryPoints"), out);
        names(r.middlewares(), KeyPath.child(path, "middlewares"), out);
        routerTls(r.tls(), KeyPath.child(path, "tls"), map, out);
    }

    /** Shared with entry points' default TLS in the install config. */
    static void routerTls(RouterTlsSpec tls, String path, SourceMap map, List<Diagnostic> out) {
        if (tls != null && tls.certResolver() != null) {
            out.add(map.at(KeyPath.child(path, "certResolver"), Unsupported.message("certResolver")
                    + " (ACME certificates; give certificates under tls.certificates)"));
        }
    }

    void service(String name, ServiceSpec s, String path, List<Diagnostic> out) {
        List<String> kinds = new ArrayList<>();
        if (s.loadBalancer() != null) {
            kinds.add("loadBalancer");
        }
        if (s.weighted() != null) {
            kinds.add("weighted");
        }
        if (s.mirroring() != null) {
            kinds.add("mirroring");
        }
        if (s.failover() != null) {
            kinds.add("failover");
        }
        // With no kind at all but an error already (say an unsupported kind), that error says it all.
        if (kinds.size() > 1 || (kinds.isEmpty() && out.isEmpty())) {
            out.add(map.at(path, "a service needs exactly one of loadBalancer, weighted, mirroring, failover"
                    + (kinds.isEmpty() ? "" : " (found " + String.join(" and ", kinds) + ")")));
        }
        loadBalancer(s.loadBalancer(), KeyPath.child(path, "loadBalancer"), out);
        weighted(s.weighted(), KeyPath.child(path, "weighted"), out);
        mirroring(s.mirroring(), KeyPath.child(path, "mirroring"), out);
        failover(s.failover(), KeyPath.child(path, "failover"), out);
    }

    private void loadBalancer(LoadBalancerSpec lb, String path, List<Diagnostic> out) {
        if (lb == null) {
            return;
        }
        if (lb.servers() == null || lb.servers().isEmpty()) {
            out.add(map.at(lb.servers() == null ? path : KeyPath.child(path, "servers"),
                    "a load balancer needs at least one server"));
        } else {
            for (int i = 0; i < lb.servers().size(); i++) {
                server(lb.servers().get(i), KeyPath.index(KeyPath.child(path, "servers"), i), out);
            }
        }
        if (lb.strategy() != null) {
            String at = KeyPath.child(path, "strategy");
            if (UNSUPPORTED_STRATEGIES.contains(lb.strategy())) {
                out.add(map.at(at, "strategy \"" + lb.strategy() + "\" is not supported yet (expected wrr or p2c)"));
            } else if (!STRATEGIES.contains(lb.strategy())) {
                out.add(map.at(at, "unknown strategy \"" + lb.strategy() + "\" (expected wrr or p2c)"));
            }
        }
        healthCheck(lb.healthCheck(), KeyPath.child(path, "healthCheck"), out);
        passive(lb.passiveHealthCheck(), KeyPath.child(path, "passiveHealthCheck"), out);
        sticky(lb.sticky(), KeyPath.child(path, "sticky"), out);
    }

    private void server(ServerSpec server, String path, List<Diagnostic> out) {
        if (server.url() == null || server.url().isBlank()) {
            out.add(map.at(path, "missing required key \"url\""));
        } else if (!Urls.isUpstreamUrl(server.url())) {
            out.add(map.at(KeyPath.child(path, "url"), "invalid server URL \"" + server.url()
                    + "\": expected an absolute http, https or h2c URL, such as http://10.0.0.1:8080"));
        }
        nonNegative(server.weight(), KeyPath.child(path, "weight"), "weight", out);
    }

    private void healthCheck(HealthCheckSpec hc, String path, List<Diagnostic> out) {
        if (hc == null) {
            return;
        }
        required(hc.path(), "path", path, out);
        if (hc.mode() != null && !hc.mode().equalsIgnoreCase("http")) {
            out.add(map.at(KeyPath.child(path, "mode"), hc.mode().equalsIgnoreCase("grpc")
                    ? "health check mode \"grpc\" is not supported yet (expected http)"
                    : "unknown health check mode \"" + hc.mode() + "\" (expected http)"));
        }
        if (hc.scheme() != null && !List.of("http", "https", "h2c").contains(hc.scheme().toLowerCase())) {
            out.add(map.at(KeyPath.child(path, "scheme"), "unknown scheme \"" + hc.scheme()
                    + "\" (expected http, https or h2c)"));
        }
        if (hc.port() != null && (hc.port() < 1 || hc.port() > 65535)) {
            out.add(map.at(KeyPath.child(path, "port"), "port " + hc.port() + " is out of range (expected 1 to 65535)"));
        }
        if (hc.status() != null && (hc.status() < 100 || hc.status() > 599)) {
            out.add(map.at(KeyPath.child(path, "status"), "status " + hc.status()
                    + " is not an HTTP status (expected 100 to 599)"));
        }
        positive(hc.interval(), KeyPath.child(path, "interval"), out);
        positive(hc.unhealthyInterval(), KeyPath.child(path, "unhealthyInterval"), out);
        positive(hc.timeout(), KeyPath.child(path, "timeout"), out);
    }

    private void passive(PassiveHealthCheckSpec p, String path, List<Diagnostic> out) {
        if (p == null) {
            return;
        }
        positive(p.failureWindow(), KeyPath.child(path, "failureWindow"), out);
        if (p.maxFailedAttempts() != null && p.maxFailedAttempts() < 1) {
            out.add(map.at(KeyPath.child(path, "maxFailedAttempts"), "maxFailedAttempts must be at least 1"));
        }
    }

    private void sticky(StickySpec sticky, String path, List<Diagnostic> out) {
        if (sticky == null || sticky.cookie() == null || sticky.cookie().sameSite() == null) {
            return;
        }
        String sameSite = sticky.cookie().sameSite();
        if (!sameSite.isEmpty() && !SAME_SITE.contains(sameSite.toLowerCase())) {
            out.add(map.at(KeyPath.child(KeyPath.child(path, "cookie"), "sameSite"),
                    "unknown sameSite \"" + sameSite + "\" (expected none, lax or strict)"));
        }
    }

    private void weighted(WeightedSpec w, String path, List<Diagnostic> out) {
        if (w == null) {
            return;
        }
        if (w.services() == null || w.services().isEmpty()) {
            out.add(map.at(path, "a weighted service needs at least one service"));
            return;
        }
        for (int i = 0; i < w.services().size(); i++) {
            String item = KeyPath.index(KeyPath.child(path, "services"), i);
            required(w.services().get(i).name(), "name", item, out);
            nonNegative(w.services().get(i).weight(), KeyPath.child(item, "weight"), "weight", out);
        }
        sticky(w.sticky(), KeyPath.child(path, "sticky"), out);
    }

    private void mirroring(MirroringSpec m, String path, List<Diagnostic> out) {
        if (m == null) {
            return;
        }
        required(m.service(), "service", path, out);
        if (m.maxBodySize() != null && m.maxBodySize() < -1) {
            out.add(map.at(KeyPath.child(path, "maxBodySize"), "maxBodySize must be -1 (no limit) or more"));
        }
        List<MirroringSpec.MirrorSpec> mirrors = m.mirrors() == null ? List.of() : m.mirrors();
        for (int i = 0; i < mirrors.size(); i++) {
            String item = KeyPath.index(KeyPath.child(path, "mirrors"), i);
            required(mirrors.get(i).name(), "name", item, out);
            Integer percent = mirrors.get(i).percent();
            if (percent != null && (percent < 0 || percent > 100)) {
                out.add(map.at(KeyPath.child(item, "percent"), "percent " + percent
                        + " is out of range (expected 0 to 100)"));
            }
        }
    }

    private void failover(FailoverSpec f, String path, List<Diagnostic> out) {
        if (f != null) {
            required(f.service(), "service", path, out);
            required(f.fallback(), "fallback", path, out);
        }
    }

    void transport(String name, ServersTransportSpec t, String path, List<Diagnostic> out) {
        if (t.certificates() != null) {
            for (int i = 0; i < t.certificates().size(); i++) {
                certificate(t.certificates().get(i), KeyPath.index(KeyPath.child(path, "certificates"), i), out);
            }
        }
        if (t.maxIdleConnsPerHost() != null && t.maxIdleConnsPerHost() < 0) {
            out.add(map.at(KeyPath.child(path, "maxIdleConnsPerHost"), "maxIdleConnsPerHost must be 0 or more"));
        }
        ServersTransportSpec.ForwardingTimeoutsSpec ft = t.forwardingTimeouts();
        if (ft != null) {
            String at = KeyPath.child(path, "forwardingTimeouts");
            nonNegativeDuration(ft.dialTimeout(), KeyPath.child(at, "dialTimeout"), out);
            nonNegativeDuration(ft.responseHeaderTimeout(), KeyPath.child(at, "responseHeaderTimeout"), out);
            nonNegativeDuration(ft.idleConnTimeout(), KeyPath.child(at, "idleConnTimeout"), out);
            nonNegativeDuration(ft.readIdleTimeout(), KeyPath.child(at, "readIdleTimeout"), out);
            nonNegativeDuration(ft.pingTimeout(), KeyPath.child(at, "pingTimeout"), out);
        }
    }

    void certificate(CertificateSpec cert, String path, List<Diagnostic> out) {
        required(cert.certFile(), "certFile", path, out);
        required(cert.keyFile(), "keyFile", path, out);
        if (cert.stores() != null) {
            for (int i = 0; i < cert.stores().size(); i++) {
                if (!cert.stores().get(i).equals("default")) {
                    out.add(map.at(KeyPath.index(KeyPath.child(path, "stores"), i), "unknown store \""
                            + cert.stores().get(i) + "\" (only the \"default\" store exists)"));
                }
            }
        }
    }

    void tlsOptions(String name, TlsOptionsSpec o, String path, List<Diagnostic> out) {
        oneOf(o.minVersion(), TLS_VERSIONS, KeyPath.child(path, "minVersion"), "TLS version", out);
        oneOf(o.maxVersion(), TLS_VERSIONS, KeyPath.child(path, "maxVersion"), "TLS version", out);
        if (o.clientAuth() != null) {
            oneOf(o.clientAuth().clientAuthType(), CLIENT_AUTH,
                    KeyPath.child(KeyPath.child(path, "clientAuth"), "clientAuthType"), "clientAuthType", out);
        }
    }

    void tlsStore(String name, TlsStoreSpec store, String path, List<Diagnostic> out) {
        if (!name.equals("default")) {
            out.add(map.at(path, "unknown store \"" + name + "\" (only the \"default\" store exists)"));
        }
        if (store.defaultCertificate() != null) {
            certificate(store.defaultCertificate(), KeyPath.child(path, "defaultCertificate"), out);
        }
    }

    private void oneOf(String value, List<String> allowed, String path, String what, List<Diagnostic> out) {
        if (value != null && !allowed.contains(value)) {
            out.add(map.at(path, "unknown " + what + " \"" + value + "\" (expected one of "
                    + String.join(", ", allowed) + ")"));
        }
    }

    private void required(String value, String key, String path, List<Diagnostic> out) {
        if (value == null || value.isBlank()) {
            out.add(map.at(path, "missing required key \"" + key + "\""));
        }
    }

    private void names(List<String> names, String path, List<Diagnostic> out) {
        if (names == null) {
            return;
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).isBlank()) {
                out.add(map.at(KeyPath.index(path, i), "expected a name, got an empty string"));
            }
        }
    }

    private void nonNegative(Integer value, String path, String what, List<Diagnostic> out) {
        if (value != null && value < 0) {
            out.add(map.at(path, what + " must be 0 or more"));
        }
    }

    private void positive(Duration d, String path, List<Diagnostic> out) {
        if (d != null && (d.isNegative() || d.isZero())) {
            out.add(map.at(path, "expected a positive duration"));
        }
    }

    private void nonNegativeDuration(Duration d, String path, List<Diagnostic> out) {
        if (d != null && d.isNegative()) {
            out.add(map.at(path, "expected a duration of 0 or more"));
        }
    }
}

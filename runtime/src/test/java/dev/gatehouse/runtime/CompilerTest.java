package dev.gatehouse.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.RouterView;
import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.config.LoadResult;
import dev.gatehouse.config.install.InstallConfig;
import dev.gatehouse.core.spi.Extensions;
import dev.gatehouse.runtime.spi.ProviderState;
import dev.gatehouse.server.ServerRuntime;
import dev.gatehouse.upstream.Upstreams;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The compiler's element rules: what disables a router, what only warns, and what stops the whole config. */
class CompilerTest {
    static ServerRuntime servers;
    static Upstreams upstreams;
    static ExecutorService blocking;

    @BeforeAll
    static void start() {
        servers = ServerRuntime.create(1);
        upstreams = new Upstreams(servers.workerGroup());
        blocking = Executors.newVirtualThreadPerTaskExecutor();
    }

    @AfterAll
    static void stop() {
        upstreams.close();
        servers.close();
        blocking.shutdownNow();
    }

    private static InstallConfig install(String yaml) {
        LoadResult<InstallConfig> r = new ConfigLoader().loadInstall("gatehouse.yaml", yaml);
        assertThat(r.errors()).isEmpty();
        return r.value();
    }

    private static final String TWO_ENTRY_POINTS = """
            entryPoints:
              web:
                address: ":80"
              admin:
                address: ":81"
                http:
                  middlewares: [guard@file]
            """;

    private static CompileOutcome compile(InstallConfig install, String routes) {
        ResourceRegistry resources = new ResourceRegistry();
        resources.begin();
        Compiler c = new Compiler(install, Extensions.middlewareFactories(), upstreams, resources, blocking);
        CompileOutcome out = c.compile(Map.of("file", new ProviderState("file",
                List.of(new ProviderState.Source("routes.yaml", routes)), Path.of("."), null)));
        resources.abort();
        if (out.services() != null) {
            upstreams.retire(out.services());
        }
        return out;
    }

    private static RouterView router(CompileOutcome out, String name) {
        return out.snapshot().status().routers().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow();
    }

    private static final String SERVICE = """
              services:
                s:
                  loadBalancer:
                    servers: [{url: "http://127.0.0.1:9"}]
            """;

    @Test
    void missingMiddlewareDisablesOnlyThatRouter() {
        CompileOutcome out = compile(install(TWO_ENTRY_POINTS), """
                http:
                  routers:
                    bad:
                      rule: "Path(`/a`)"
                      middlewares: [nope]
                      service: s
                    good:
                      rule: "Path(`/b`)"
                      entryPoints: [web]
                      service: s
                """ + SERVICE);
        assertThat(out.ok()).isTrue();
        assertThat(router(out, "bad@file").status()).isEqualTo("disabled");
        assertThat(router(out, "bad@file").errors()).anySatisfy(e ->
                assertThat(e).contains("routes.yaml:", "http.routers.bad.middlewares[0]", "\"nope@file\" does not exist"));
        assertThat(router(out, "good@file").status()).isEqualTo("enabled");
        assertThat(out.snapshot().entryPoints().get("web").plain().size()).isEqualTo(1);
    }

    @Test
    void aMissingEntryPointMiddlewareKeepsTheRouterOffThatEntryPoint() {
        // guard@file is an entry-point middleware of "admin" and does not exist: never serve without it.
        CompileOutcome out = compile(install(TWO_ENTRY_POINTS), """
                http:
                  routers:
                    r:
                      rule: "Path(`/a`)"
                      service: s
                """ + SERVICE);
        assertThat(out.snapshot().entryPoints().get("web").plain().size()).isEqualTo(1);
        assertThat(out.snapshot().entryPoints().get("admin").plain().size()).isZero();
        assertThat(router(out, "r@file").errors()).anySatisfy(e -> assertThat(e).contains("guard@file"));
    }

    @Test
    void unknownEntryPointWarnsAndTheRestServes() {
        CompileOutcome out = compile(install(TWO_ENTRY_POINTS), """
                http:
                  routers:
                    r:
                      rule: "Path(`/a`)"
                      entryPoints: [web, nowhere]
                      service: s
                """ + SERVICE);
        RouterView r = router(out, "r@file");
        assertThat(r.status()).isEqualTo("warning");
        assertThat(r.errors()).anySatisfy(e -> assertThat(e).contains("entry point \"nowhere\" does not exist"));
        assertThat(out.snapshot().entryPoints().get("web").plain().size()).isEqualTo(1);
    }

    @Test
    void chainCycleIsAnErrorNotAStackOverflow() {
        CompileOutcome out = compile(install(TWO_ENTRY_POINTS), """
                http:
                  routers:
                    r:
                      rule: "Path(`/a`)"
                      entryPoints: [web]
                      middlewares: [a]
                      service: s
                  middlewares:
                    a:
                      chain:
                        middlewares: [b]
                    b:
                      chain:
                        middlewares: [a]
                """ + SERVICE);
        assertThat(router(out, "r@file").status()).isEqualTo("disabled");
        assertThat(out.errors()).anySatisfy(d -> assertThat(d.message()).contains("refers to itself"));
    }

    @Test
    void ruleErrorPointsIntoTheRuleAndUnparseableFileIsFatal() {
        CompileOutcome out = compile(install(TWO_ENTRY_POINTS), """
                http:
                  routers:
                    r:
                      rule: "Path(`/a`) && Hots(`x`)"
                      service: s
                """ + SERVICE);
        assertThat(router(out, "r@file").errors()).anySatisfy(e ->
                assertThat(e).startsWith("routes.yaml:4:").contains("unknown matcher \"Hots\""));
        CompileOutcome broken = compile(install(TWO_ENTRY_POINTS), "http:\n  routers: [unclosed\n");
        assertThat(broken.ok()).isFalse();
        assertThat(broken.errors()).isNotEmpty();
    }

    @Test
    void revisionIsAContentHash() {
        String routes = "http:\n  routers:\n    r:\n      rule: \"Path(`/a`)\"\n      service: s\n" + SERVICE;
        InstallConfig ic = install(TWO_ENTRY_POINTS);
        assertThat(compile(ic, routes).snapshot().revision()).isEqualTo(compile(ic, routes).snapshot().revision())
                .isNotEqualTo(compile(ic, routes.replace("/a", "/b")).snapshot().revision());
    }

    @Test
    void perRouterTlsOptionsAreFlaggedNotIgnored() {
        CompileOutcome out = compile(install(TWO_ENTRY_POINTS), """
                http:
                  routers:
                    r:
                      rule: "Host(`a.test`)"
                      entryPoints: [web]
                      tls:
                        options: modern
                      service: s
                """ + SERVICE);
        RouterView r = router(out, "r@file");
        assertThat(r.status()).isEqualTo("warning");
        assertThat(r.errors()).anySatisfy(e -> assertThat(e).contains("http.routers.r.tls.options", "not supported yet"));
        assertThat(out.snapshot().entryPoints().get("web").tls().size()).isEqualTo(1);
    }
}

package dev.gatehouse.app;

import dev.gatehouse.admin.AdminApi;
import dev.gatehouse.config.Diagnostic;
import dev.gatehouse.config.install.EntryPointSpec;
import dev.gatehouse.config.install.InstallConfig;
import dev.gatehouse.config.install.ProvidersSpec;
import dev.gatehouse.core.ExchangeObserver;
import dev.gatehouse.core.spi.Extensions;
import dev.gatehouse.core.spi.MetricsRegistry;
import dev.gatehouse.observability.AccessLog;
import dev.gatehouse.observability.GatewayMetrics;
import dev.gatehouse.observability.Logging;
import dev.gatehouse.redis.RedisConnections;
import dev.gatehouse.redis.RedisEventLoops;
import dev.gatehouse.runtime.CompileOutcome;
import dev.gatehouse.runtime.Compiler;
import dev.gatehouse.runtime.ConfigWatcher;
import dev.gatehouse.runtime.Dispatcher;
import dev.gatehouse.runtime.FileProvider;
import dev.gatehouse.runtime.ResourceRegistry;
import dev.gatehouse.runtime.RuntimeSnapshot;
import dev.gatehouse.runtime.SnapshotHolder;
import dev.gatehouse.runtime.spi.ProviderState;
import dev.gatehouse.server.EntryPointServer;
import dev.gatehouse.server.ServerRuntime;
import dev.gatehouse.server.Transport;
import dev.gatehouse.server.TlsStore;
import dev.gatehouse.upstream.Upstreams;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A running gateway: the wiring of every module, from an install config.
 *
 * <pre>
 *  FileProvider ─▶ ConfigWatcher ─▶ apply(): Compiler ─▶ swap snapshot ─▶ activate services, commit resources
 *  EntryPointServer per entry point ─▶ Dispatcher(snapshot) ;  admin listener ─▶ AdminApi
 * </pre>
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Gateway.class.getName());
    static final String DEFAULT_ADMIN_ADDRESS = "127.0.0.1:9090";

    private final InstallConfig install;
    private final ServerRuntime servers;
    private final Upstreams upstreams;
    private final ResourceRegistry resources = new ResourceRegistry();
    private final SnapshotHolder holder = new SnapshotHolder(RuntimeSnapshot.empty());
    private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
    private final int workerCount;
    private final GatewayMetrics metrics;
    private final AccessLog accessLog;
    private final Compiler compiler;
    private final Map<String, EntryPointServer> listeners = new LinkedHashMap<>();
    private FileProvider provider;
    private ConfigWatcher watcher;
    private EntryPointServer admin;
    private volatile Diagnostic lastError;
    private volatile List<Diagnostic> lastErrors = List.of();
    private volatile boolean shuttingDown;

    /** The system property that sets the number of worker event loops. */
    static final String WORKER_THREADS = "gatehouse.workerThreads";

    /**
     * The number of worker event loops: twice the processors by default, as Netty chooses. With one loop per
     * processor, a gateway sharing its machine with busy neighbours (a load generator, its backends) got less
     * than its share of the CPU and answered with a long latency tail; with two per processor the loops run
     * shorter stretches and the tail went away.
     *
     * @param configured the property's value, or null
     * @param processors the processors the JVM may use
     * @return the count
     * @throws IllegalArgumentException when the property is not a positive number
     */
    static int workerThreads(String configured, int processors) {
        if (configured == null || configured.isBlank()) {
            return 2 * processors;
        }
        try {
            int n = Integer.parseInt(configured.trim());
            if (n >= 1 && n <= 1024) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + WORKER_THREADS + "=" + configured
                + ": expected a number of worker threads from 1 to 1024");
    }

    private Gateway(InstallConfig install) throws IOException {
        this.install = install;
        this.workerCount = workerThreads(System.getProperty(WORKER_THREADS),
                Runtime.getRuntime().availableProcessors());
        this.servers = ServerRuntime.create(workerCount, Transport.choose(System.getProperty(Transport.PROPERTY)));
        this.upstreams = new Upstreams(servers.workerGroup());
        // Redis connections made from here on run on the worker loops: a request's Redis call stays on its loop.
        RedisEventLoops.offer(servers.workerGroup(), servers.socketChannelType());
        this.metrics = install.metrics() != null && install.metrics().prometheus() != null
                ? GatewayMetrics.create(install.metrics().prometheus()) : null;
        this.accessLog = install.accessLog() != null ? AccessLog.open(install.accessLog()) : null;
        if (metrics != null && accessLog != null) {
            metrics.trackAccessLog(accessLog);
        }
        this.compiler = new Compiler(install, Extensions.middlewareFactories(), upstreams, resources, blocking,
                metrics != null ? metrics.extensions() : MetricsRegistry.NOOP);
    }

    /**
     * Starts a gateway: applies the first routing config, then opens the entry points and the admin listener.
     *
     * @param install    the install config
     * @param installDir where relative paths in the install config resolve
     * @return the running gateway
     * @throws IOException when a listener cannot bind or a log cannot open
     */
    public static Gateway start(InstallConfig install, Path installDir) throws IOException {
        Logging.configure(install.log());
        Gateway g = new Gateway(install);
        LOG.info(() -> "event loops: " + g.workerCount + " on " + g.servers.transport().id());
        try {
            g.startProviders(installDir);
            g.startListeners();
            return g;
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
    }

    private void startProviders(Path installDir) {
        ProvidersSpec p = install.providers();
        Duration throttle = p != null && p.providersThrottleDuration() != null
                ? p.providersThrottleDuration() : Duration.ofSeconds(2);
        watcher = new ConfigWatcher(throttle, this::apply);
        if (p == null || p.file() == null) {
            return;
        }
        ProvidersSpec.FileProviderSpec f = p.file();
        Path file = f.filename() == null ? null : installDir.resolve(f.filename());
        Path dir = f.directory() == null ? null : installDir.resolve(f.directory());
        provider = new FileProvider(file, dir, f.watch() == null || f.watch(), f.filename());
        watcher.applyNow(Map.of(provider.name(), provider.read()));
        provider.start(watcher);
    }

    private void startListeners() {
        ExchangeObserver observer = Observers.of(metrics, accessLog);
        for (Map.Entry<String, EntryPointSpec> e : install.entryPoints().entrySet()) {
            String name = e.getKey();
            listeners.put(name, servers.start(name, e.getValue(), new Dispatcher(name, holder),
                    () -> holder.current().tls(), observer));
        }
        if (install.api() != null || install.ping() != null || metrics != null) {
            String address = install.api() != null && install.api().address() != null
                    ? install.api().address() : DEFAULT_ADMIN_ADDRESS;
            AdminApi api = AdminApi.create(new RuntimeAdminModel(install, holder, () -> lastError,
                    () -> shuttingDown), install, metrics, blocking);
            admin = servers.start("admin", new EntryPointSpec(address, null, null, null), api,
                    TlsStore::defaultOnly, ExchangeObserver.NONE);
        }
    }

    /** Compiles and swaps in a new config; runs on the config watcher's thread. */
    private void apply(Map<String, ProviderState> states) {
        long started = System.nanoTime();
        resources.begin();
        CompileOutcome out;
        try {
            out = compiler.compile(states);
        } catch (RuntimeException e) {
            resources.abort();
            fail(new Diagnostic("", 0, 0, "", "config compile failed: " + e), List.of());
            LOG.log(Level.SEVERE, "config compile failed", e);
            return;
        }
        if (!out.ok()) {
            resources.abort();
            if (out.services() != null) {
                upstreams.retire(out.services());
            }
            fail(out.errors().isEmpty() ? null : out.errors().getFirst(), out.errors());
            return;
        }
        upstreams.activate(out.services());
        RuntimeSnapshot old = holder.swap(out.snapshot());
        resources.commit();
        if (old.services() != null) {
            upstreams.retire(old.services());
        }
        lastError = null;
        lastErrors = out.errors();
        for (Diagnostic d : out.errors()) {
            LOG.warning("config: " + d);
        }
        LOG.info(String.format("config applied: revision %s, %d routers, in %.1f ms", out.snapshot().revision(),
                out.snapshot().status().routers().size(), (System.nanoTime() - started) / 1e6));
        if (metrics != null) {
            metrics.configReloaded(true, out.snapshot().revision(), Instant.now());
        }
    }

    private void fail(Diagnostic first, List<Diagnostic> all) {
        lastError = first;
        lastErrors = all;
        for (Diagnostic d : all) {
            LOG.severe("config not applied, the last good config keeps serving: " + d);
        }
        if (metrics != null) {
            metrics.configReloaded(false, "", Instant.now());
        }
    }

    /** @return the live snapshot */
    public RuntimeSnapshot snapshot() {
        return holder.current();
    }

    /** @return the errors of the last apply (element errors after success, the fatal ones after failure) */
    public List<Diagnostic> lastErrors() {
        return lastErrors;
    }

    /**
     * @param entryPoint an entry point's name
     * @return the port it is bound to
     */
    public int port(String entryPoint) {
        return listeners.get(entryPoint).boundPort();
    }

    /** @return the socket transport of the event loops */
    public Transport transport() {
        return servers.transport();
    }

    /** @return the admin listener's port, or -1 when there is none */
    public int adminPort() {
        return admin == null ? -1 : admin.boundPort();
    }

    /**
     * Stops accepting, lets in-flight exchanges finish within each entry point's grace period, then closes.
     */
    @Override
    public void close() {
        shuttingDown = true;
        if (provider != null) {
            provider.close();
        }
        if (watcher != null) {
            watcher.close();
        }
        acceptGrace();
        List<CompletableFuture<Void>> drains = new ArrayList<>();
        listeners.forEach((name, l) -> drains.add(l.shutdown(graceOf(install.entryPoints().get(name)))));
        try {
            CompletableFuture.allOf(drains.toArray(CompletableFuture[]::new)).get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "drain did not finish cleanly", e);
        }
        if (admin != null) {
            awaitQuietly(admin.shutdown(Duration.ZERO), Duration.ofSeconds(1));
        }
        upstreams.close();
        resources.close();
        if (!RedisConnections.awaitClosed(Duration.ofSeconds(2))) {
            LOG.warning("redis connections did not close within 2s");
        }
        RedisEventLoops.withdraw(servers.workerGroup());
        if (accessLog != null) {
            accessLog.close();
        }
        servers.close(Duration.ofSeconds(2));
        blocking.shutdownNow();
    }

    /**
     * Waits for a listener (or anything else running on the loops) to finish closing before the loops stop: on
     * io_uring a close completes only once the kernel confirms it. A failure or a timeout is not reported:
     * stopping the loops closes whatever is left.
     *
     * @param closing completes when closed
     * @param timeout the longest wait
     */
    static void awaitQuietly(CompletableFuture<?> closing, Duration timeout) {
        try {
            closing.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // The loops' shutdown closes it.
        }
    }

    /**
     * Traefik's {@code requestAcceptGraceTimeout}: keep serving (with {@code /ping} already answering the
     * terminating status, so load balancers in front stop sending) before the drain begins.
     */
    private void acceptGrace() {
        long longest = install.entryPoints().values().stream()
                .filter(s -> s.transport() != null && s.transport().lifeCycle() != null
                        && s.transport().lifeCycle().requestAcceptGraceTimeout() != null)
                .mapToLong(s -> s.transport().lifeCycle().requestAcceptGraceTimeout().toMillis())
                .max().orElse(0);
        if (longest > 0) {
            try {
                Thread.sleep(longest);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Duration graceOf(EntryPointSpec spec) {
        if (spec.transport() != null && spec.transport().lifeCycle() != null
                && spec.transport().lifeCycle().graceTimeOut() != null) {
            return spec.transport().lifeCycle().graceTimeOut();
        }
        return Duration.ofSeconds(10);
    }
}

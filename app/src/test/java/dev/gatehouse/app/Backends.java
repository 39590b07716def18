package dev.gatehouse.app;

import dev.gatehouse.config.install.EntryPointSpec;
import dev.gatehouse.core.ExchangeObserver;
import dev.gatehouse.core.ExchangeSummary;
import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.server.EntryPointServer;
import dev.gatehouse.server.ServerRuntime;
import dev.gatehouse.server.TlsStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Real whoami backends on free loopback ports, counting the TCP connections and requests they get. */
final class Backends implements AutoCloseable {
    private final ServerRuntime runtime = ServerRuntime.create(1);
    private final List<Backend> started = new ArrayList<>();

    /** One backend instance. */
    static final class Backend {
        final String name;
        final AtomicInteger accepts = new AtomicInteger();
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger healthChecks = new AtomicInteger();
        EntryPointServer server;

        Backend(String name) {
            this.name = name;
        }

        int port() {
            return server.boundPort();
        }

        String url() {
            return "http://127.0.0.1:" + port();
        }

        void stop() {
            server.shutdown(Duration.ZERO).join();
        }
    }

    /**
     * Starts a whoami instance; requests other than health checks are counted.
     *
     * @param name the instance name it reports
     * @return the backend
     */
    Backend whoami(String name) {
        Backend b = new Backend(name);
        WhoamiHandler whoami = new WhoamiHandler(name);
        HttpHandler counting = (ctx, req) -> {
            if ("/health".equals(req.path())) {
                b.healthChecks.incrementAndGet();
            } else {
                b.requests.incrementAndGet();
            }
            return whoami.handle(ctx, req);
        };
        ExchangeObserver observer = new ExchangeObserver() {
            @Override
            public void connectionOpened(String entryPoint, String protocol) {
                b.accepts.incrementAndGet();
            }

            @Override
            public void exchangeCompleted(ExchangeSummary summary) {
            }
        };
        // Trust the gateway's X-Forwarded-* headers, so the backend reports what the gateway sent rather than
        // headers its own edge would set.
        EntryPointSpec spec = new EntryPointSpec("127.0.0.1:0", null, null,
                new EntryPointSpec.ForwardedHeadersSpec(null, true));
        b.server = runtime.start(name, spec, counting,
                TlsStore::defaultOnly, observer);
        started.add(b);
        return b;
    }

    @Override
    public void close() {
        // Listeners close asynchronously; the loops must outlive them.
        java.util.concurrent.CompletableFuture.allOf(started.stream().map(b -> b.server.shutdown(Duration.ZERO))
                .toArray(java.util.concurrent.CompletableFuture[]::new)).orTimeout(2, TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
        runtime.close(Duration.ofSeconds(2));
    }
}

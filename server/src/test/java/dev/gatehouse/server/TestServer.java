package dev.gatehouse.server;

import dev.gatehouse.config.install.EntryPointSpec;
import dev.gatehouse.core.ExchangeObserver;
import dev.gatehouse.core.ExchangeSummary;
import dev.gatehouse.core.HttpHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Starts one entry point on an ephemeral loopback port, counting handler calls and exchanges. */
final class TestServer implements AutoCloseable {
    static final ServerRuntime RUNTIME = ServerRuntime.create(2);

    final AtomicInteger calls = new AtomicInteger();
    final List<ExchangeSummary> exchanges = new CopyOnWriteArrayList<>();
    final EntryPointServer server;

    TestServer(HttpHandler handler) {
        this(new EntryPointSpec("127.0.0.1:0", null, null, null), handler, null);
    }

    TestServer(EntryPointSpec spec, HttpHandler handler, Supplier<TlsStore> tls) {
        HttpHandler counting = (ctx, req) -> {
            calls.incrementAndGet();
            return handler.handle(ctx, req);
        };
        ExchangeObserver obs = exchanges::add;
        server = RUNTIME.start("web", spec, counting, tls, obs);
    }

    int port() {
        return server.boundPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    @Override
    public void close() {
        server.shutdown(Duration.ofSeconds(2)).join();
    }
}

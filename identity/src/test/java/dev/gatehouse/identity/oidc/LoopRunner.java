package dev.gatehouse.identity.oidc;

import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.testing.exchange.Exchange;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs in-memory exchanges on a real event loop and waits (bounded) for their responses. */
public final class LoopRunner implements AutoCloseable {
    private final DefaultEventLoop loop = new DefaultEventLoop();

    /** @return the loop exchanges must be created with */
    public EventLoop loop() {
        return loop;
    }

    /**
     * Runs an exchange through a middleware on the loop.
     *
     * @param ex the exchange (created with {@link #loop()})
     * @param m  the middleware
     * @return the ready response
     */
    public HttpResponse run(Exchange ex, Middleware m) {
        return start(ex, m).join();
    }

    /**
     * Starts an exchange without waiting.
     *
     * @param ex the exchange
     * @param m  the middleware
     * @return completes with the ready response, within 10 s or exceptionally
     */
    public CompletableFuture<HttpResponse> start(Exchange ex, Middleware m) {
        CompletableFuture<HttpResponse> done = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                ex.run(m).onReady(done::complete);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done.orTimeout(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

package dev.gatehouse.traffic.testing;

import dev.gatehouse.core.Consumer;
import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.StandardAttributes;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs exchanges on a real event loop, for middlewares that answer later (a Redis round trip), and waits for
 * the response head with a bound.
 */
public final class LoopExchanges implements AutoCloseable {
    private final EventLoop loop = new DefaultEventLoop();
    private final AtomicInteger served = new AtomicInteger();
    private final HttpHandler ok = (c, r) -> {
        served.incrementAndGet();
        return HttpResponse.of(200);
    };

    /**
     * Sends one request and waits for the head.
     *
     * @param m        the middleware
     * @param ip       the client IP
     * @param consumer the consumer on the exchange, or null
     * @return the response
     */
    public HttpResponse send(Middleware m, String ip, Consumer consumer) {
        CompletableFuture<HttpResponse> head = new CompletableFuture<>();
        loop.execute(() -> {
            RequestContext ctx = Exchanges.ctx(ip, loop);
            if (consumer != null) {
                ctx.set(StandardAttributes.CONSUMER, consumer);
            }
            try {
                m.handle(ctx, Exchanges.get(), ok).onReady(r -> {
                    r.body().discard();
                    ctx.complete();
                    head.complete(r);
                });
            } catch (RuntimeException e) {
                head.completeExceptionally(e);
            }
        });
        try {
            return head.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no response within 10s", e);
        }
    }

    /**
     * @param m  the middleware
     * @param ip the client IP
     * @return the response
     */
    public HttpResponse send(Middleware m, String ip) {
        return send(m, ip, null);
    }

    /** @return how many requests reached the service */
    public int served() {
        return served.get();
    }

    @Override
    public void close() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

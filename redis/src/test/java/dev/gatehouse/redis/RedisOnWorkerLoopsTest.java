package dev.gatehouse.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.RedisInfo;
import dev.gatehouse.testing.RedisServer;
import io.lettuce.core.resource.Transports;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connections on offered worker loops: one per loop, and a call made on a loop is answered on that loop. */
class RedisOnWorkerLoopsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private RedisServer redis;
    private EventLoopGroup loops;

    @BeforeEach
    void start() {
        // The worker loops must use the transport Lettuce picks; this module's tests have NIO only.
        assumeTrue(Transports.socketChannelClass() == NioSocketChannel.class, "Lettuce picks NIO here");
        redis = RedisServer.start();
        loops = new MultiThreadIoEventLoopGroup(3, NioIoHandler.newFactory());
        RedisEventLoops.offer(loops, NioSocketChannel.class);
    }

    @AfterEach
    void stop() {
        if (loops != null) {
            RedisEventLoops.withdraw(loops);
            loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void eachLoopHasItsOwnConnectionAndItsCallsCompleteOnIt() throws Exception {
        RedisSpec s = RedisConnections.validate(spec(), "redis");
        try (RedisConnection c = RedisConnections.acquire(s, Path.of("."))) {
            Eventually.await(WAIT, "connected", c::isConnected);
            assertThat(clients()).isEqualTo(3);
            for (int i = 0; i < 3; i++) {
                EventLoop loop = loops.next();
                AtomicReference<Thread> completedOn = new AtomicReference<>();
                CompletableFuture<String> done = new CompletableFuture<>();
                loop.execute(() -> c.call(x -> x.ping()).whenComplete((v, e) -> {
                    completedOn.set(Thread.currentThread());
                    done.complete(e == null ? v : e.toString());
                }));
                assertThat(done.get(5, TimeUnit.SECONDS)).isEqualTo("PONG");
                assertThat(loop.inEventLoop(completedOn.get())).as("completed on the calling loop").isTrue();
            }
        }
        Eventually.await(WAIT, "connections closed on the server", () -> clients() == 0);
        assertThat(loops.isShuttingDown()).as("the loops belong to their owner").isFalse();
    }

    @Test
    void manyCallsFromOneLoopTaskAreAllSentAndAnsweredInOrder() throws Exception {
        RedisSpec s = RedisConnections.validate(spec(), "redis");
        try (RedisConnection c = RedisConnections.acquire(s, Path.of("."))) {
            Eventually.await(WAIT, "connected", c::isConnected);
            int n = 200;
            List<CompletableFuture<Long>> replies = new java.util.ArrayList<>();
            CompletableFuture<Void> sent = new CompletableFuture<>();
            loops.next().execute(() -> {
                for (int i = 0; i < n; i++) {
                    replies.add(c.call(x -> x.incr("batched".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
                }
                sent.complete(null);
            });
            sent.get(5, TimeUnit.SECONDS);
            for (int i = 0; i < n; i++) {
                assertThat(replies.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(i + 1L);
            }
            // And a call from a thread that is no worker loop is flushed at once.
            assertThat(c.call(x -> x.ping()).get(5, TimeUnit.SECONDS)).isEqualTo("PONG");
        }
    }

    @Test
    void everyLoopReconnectsAfterARestart() throws Exception {
        RedisSpec s = RedisConnections.validate(spec(), "redis");
        try (RedisConnection c = RedisConnections.acquire(s, Path.of("."))) {
            Eventually.await(WAIT, "connected", c::isConnected);
            redis.stop();
            Eventually.await(WAIT, "disconnected", () -> !c.isConnected());
            assertThatThrownBy(() -> onLoop(c).get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(RuntimeException.class);
            redis.restart();
            Eventually.await(WAIT, "reconnected", c::isConnected);
            for (int i = 0; i < 3; i++) {
                assertThat(onLoop(c).get(5, TimeUnit.SECONDS)).isEqualTo("PONG");
            }
            assertThat(clients()).isEqualTo(3);
        }
    }

    @Test
    void withoutAnOfferOneConnectionOnLettucesThreads() {
        RedisEventLoops.withdraw(loops);
        RedisSpec s = RedisConnections.validate(spec(), "redis");
        try (RedisConnection c = RedisConnections.acquire(s, Path.of("."))) {
            Eventually.await(WAIT, "connected", c::isConnected);
            assertThat(clients()).isEqualTo(1);
        }
    }

    private CompletableFuture<String> onLoop(RedisConnection c) {
        CompletableFuture<String> out = new CompletableFuture<>();
        loops.next().execute(() -> c.call(x -> x.ping()).whenComplete((v, e) -> {
            if (e == null) {
                out.complete(v);
            } else {
                out.completeExceptionally(e);
            }
        }));
        return out;
    }

    private RedisSpec spec() {
        return new RedisSpec(List.of(redis.endpoint()), null, null, null, null, null, null, null,
                Duration.ofMillis(500), null, Duration.ofSeconds(1));
    }

    /** Clients other than the INFO probe itself. */
    private long clients() {
        return RedisInfo.field(redis.port(), "clients", "connected_clients") - 1;
    }
}

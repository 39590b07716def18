package dev.gatehouse.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.RedisInfo;
import dev.gatehouse.testing.RedisServer;
import io.lettuce.core.ScriptOutputType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisConnectionsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static RedisServer redis;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    private static RedisSpec spec(String endpoint, String password) {
        return new RedisSpec(List.of(endpoint), null, password, null, null, null, null, null,
                Duration.ofMillis(500), null, Duration.ofSeconds(1));
    }

    @Test
    void equalSpecsShareOneConnectionUntilTheLastHolderCloses() {
        int before = RedisConnections.openConnections();
        RedisSpec a = RedisConnections.validate(spec(redis.endpoint(), null), "redis");
        RedisSpec b = RedisConnections.validate(spec(redis.endpoint(), null), "redis");
        try (RedisConnection one = RedisConnections.acquire(a, Path.of("."));
             RedisConnection two = RedisConnections.acquire(b, Path.of("."))) {
            assertThat(RedisConnections.openConnections()).isEqualTo(before + 1);
            Eventually.await(WAIT, "connected", one::isConnected);
            assertThat(two.isConnected()).isTrue();
            // Other tests' connections close asynchronously; two holders must settle on one connection.
            Eventually.await(WAIT, "one connection for two holders", () -> clients() == 1);
            one.close();
            assertThat(two.isConnected()).isTrue();
            assertThat(RedisConnections.openConnections()).isEqualTo(before + 1);
        }
        assertThat(RedisConnections.openConnections()).isEqualTo(before);
        Eventually.await(WAIT, "connection closed on the server", () -> clients() == 0);
    }

    @Test
    void scriptRunsWithEvalFirstThenEvalshaAndSurvivesRestart() throws Exception {
        RedisScript script = RedisScript.of("return redis.call('INCRBY', KEYS[1], ARGV[1])");
        RedisSpec s = RedisConnections.validate(spec(redis.endpoint(), null), "redis");
        try (RedisConnection c = RedisConnections.acquire(s, Path.of("."))) {
            Eventually.await(WAIT, "connected", c::isConnected);
            redis.command("CONFIG RESETSTAT");
            assertThat(this.<Long>get(c.eval(script, ScriptOutputType.INTEGER, new String[] {"n"}, "2"))).isEqualTo(2);
            assertThat(this.<Long>get(c.eval(script, ScriptOutputType.INTEGER, new String[] {"n"}, "3"))).isEqualTo(5);
            assertThat(stat("evalsha")).isEqualTo(2);
            assertThat(stat("eval")).isEqualTo(1);

            redis.stop();
            assertThatThrownBy(() -> get(c.eval(script, ScriptOutputType.INTEGER, new String[] {"n"}, "1")))
                    .hasCauseInstanceOf(RuntimeException.class);
            redis.restart();
            Eventually.await(WAIT, "reconnected", c::isConnected);
            assertThat(this.<Long>get(c.eval(script, ScriptOutputType.INTEGER, new String[] {"n"}, "4"))).isEqualTo(4);
        }
    }

    @Test
    void unreachableRedisFailsFastAndConnectsWhenItComes() throws Exception {
        RedisServer later = RedisServer.start();
        later.stop();
        RedisSpec s = RedisConnections.validate(spec(later.endpoint(), null), "redis");
        try (RedisConnection c = RedisConnections.acquire(s, Path.of("."))) {
            assertThat(c.isConnected()).isFalse();
            assertThatThrownBy(() -> get(c.call(x -> x.ping())))
                    .hasCauseInstanceOf(RedisUnavailableException.class);
            later.restart();
            Eventually.await(WAIT, "first connect after start", c::isConnected);
            assertThat(this.<String>get(c.call(x -> x.ping()))).isEqualTo("PONG");
        } finally {
            later.close();
        }
    }

    @Test
    void passwordNeverShows() {
        RedisSpec s = spec("127.0.0.1:1", "s3cret-pw");
        assertThat(s.toString()).doesNotContain("s3cret-pw").contains("***");
        assertThat(RedisConnections.validate(s, "redis").toString()).doesNotContain("s3cret-pw");
        RedisTlsSpec tls = new RedisTlsSpec(null, "c.pem", "-----BEGIN PRIVATE KEY-----xyz", false);
        assertThat(tls.toString()).doesNotContain("xyz");
    }

    @Test
    void rejectsWhatIsNotSupported() {
        assertThatThrownBy(() -> RedisConnections.validate(new RedisSpec(List.of("a:1", "b:2"), null, null, null,
                null, null, null, null, null, null, null), "redis"))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("not supported yet")
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("redis.endpoints");
        assertThatThrownBy(() -> RedisConnections.validate(new RedisSpec(null, null, null, null, null, 10, null,
                null, null, null, null), "redis"))
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("redis.poolSize");
        assertThatThrownBy(() -> RedisConnections.validate(new RedisSpec(List.of("nohost"), null, null, null, null,
                null, null, null, null, null, null), "redis"))
                .hasMessageContaining("host:port");
        RedisSpec d = RedisConnections.validate(null, "redis");
        assertThat(d.endpoints()).containsExactly("localhost:6379");
        assertThat(d.readTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(d.dialTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.poolSize()).isZero();
    }

    /** Clients other than the INFO probe itself. */
    private static long clients() {
        return RedisInfo.field(redis.port(), "clients", "connected_clients") - 1;
    }

    private static long stat(String command) {
        return RedisInfo.commandCalls(redis.port(), command);
    }

    @SuppressWarnings("unchecked")
    private <T> T get(java.util.concurrent.CompletableFuture<?> f) throws ExecutionException, InterruptedException,
            java.util.concurrent.TimeoutException {
        return (T) f.get(5, TimeUnit.SECONDS);
    }
}

package dev.gatehouse.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} process on a free loopback port, for tests. It can be stopped in the middle of a
 * test and started again on the same port, to test what the gateway does while Redis is down.
 *
 * <pre>
 *  try (RedisServer redis = RedisServer.start()) {
 *      ... redis.uri() ...
 *      redis.stop();  ... gateway keeps serving ...
 *      redis.restart();
 *  }
 * </pre>
 *
 * <p>Needs {@code redis-server} on the PATH ({@code apt-get install -y redis-server}); it fails with that advice
 * when it is missing, rather than skipping the test.
 */
public final class RedisServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final int port;
    private final Path dir;
    private Process process;

    private RedisServer(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /**
     * Starts a server on a free port, with persistence off.
     *
     * @return the running server
     */
    public static RedisServer start() {
        try {
            RedisServer server = new RedisServer(FreePort.next(), Files.createTempDirectory("gatehouse-redis"));
            server.restart();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the port the server listens on */
    public int port() {
        return port;
    }

    /** @return {@code redis://127.0.0.1:PORT} */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** @return {@code 127.0.0.1:PORT}, the form Traefik's {@code redis.endpoints} uses */
    public String endpoint() {
        return "127.0.0.1:" + port;
    }

    /** @return true while the process runs */
    public boolean running() {
        return process != null && process.isAlive();
    }

    /** Kills the server (SIGKILL, as a crash would) and waits until it is gone. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        process = null;
    }

    /** Starts the server on the same port (after {@link #stop()}) and waits until it answers PING. */
    public void restart() {
        if (running()) {
            return;
        }
        List<String> cmd = List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no",
                "--loglevel", "warning");
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot start redis-server (install it: apt-get install -y redis-server): " + e.getMessage(), e);
        }
        Eventually.await(START_TIMEOUT, "redis-server answers PING on port " + port, () -> "+PONG".equals(command("PING")));
    }

    /**
     * Sends one inline command and returns the first line of the reply, or null when the server does not answer.
     *
     * @param inline the command, such as {@code PING} or {@code DBSIZE}
     * @return the reply's first line, such as {@code +PONG} or {@code :3}
     */
    public String command(String inline) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\r') {
                line.append((char) c);
            }
            return line.toString();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}

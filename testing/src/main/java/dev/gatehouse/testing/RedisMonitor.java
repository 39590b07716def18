package dev.gatehouse.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches a Redis server with {@code MONITOR}: every command clients send, as the server sees it. Commands a Lua
 * script runs inside the server are marked {@code lua} and are not round trips; {@link #clientCommands()} leaves
 * them out.
 *
 * <pre>
 *  try (RedisMonitor m = RedisMonitor.start(redis.port())) {
 *      ... send requests ...
 *      m.awaitClientCommands(n, Duration.ofSeconds(5));
 *      assertThat(m.clientCommands()).allMatch(c -&gt; c.equals("evalsha"));
 *  }
 * </pre>
 */
public final class RedisMonitor implements AutoCloseable {
    private final Socket socket;
    private final Thread reader;
    private final List<String> lines = new ArrayList<>();

    private RedisMonitor(Socket socket) {
        this.socket = socket;
        this.reader = Thread.ofPlatform().daemon().name("redis-monitor").start(this::read);
    }

    /**
     * Starts monitoring; returns once the server has acknowledged.
     *
     * @param port the server's loopback port
     * @return the monitor
     */
    public static RedisMonitor start(int port) {
        try {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
            s.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            RedisMonitor m = new RedisMonitor(s);
            Eventually.await(Duration.ofSeconds(5), "MONITOR acknowledged", () -> m.snapshot().contains("+OK"));
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    private List<String> snapshot() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** @return the names (lower case) of the commands clients sent, in order; script-internal ones excluded */
    public List<String> clientCommands() {
        List<String> out = new ArrayList<>();
        for (String l : snapshot()) {
            int bracket = l.indexOf(']');
            if (!l.startsWith("+") || bracket < 0 || l.contains(" lua]")) {
                continue;
            }
            String rest = l.substring(bracket + 1).trim();
            if (rest.startsWith("\"")) {
                out.add(rest.substring(1, rest.indexOf('"', 1)).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return out;
    }

    /**
     * Waits until at least {@code n} client commands were seen.
     *
     * @param n       how many
     * @param timeout the bound
     */
    public void awaitClientCommands(int n, Duration timeout) {
        Eventually.await(timeout, n + " client commands", () -> clientCommands().size() >= n);
    }

    @Override
    public void close() {
        try {
            socket.close();
            reader.join(2000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

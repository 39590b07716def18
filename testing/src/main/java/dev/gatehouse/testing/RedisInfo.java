package dev.gatehouse.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Reads {@code INFO} from a Redis server over a plain socket, for tests that count what the gateway sent
 * ({@code INFO commandstats}) or who is connected ({@code INFO clients}).
 *
 * <pre>
 *  long evalsha = RedisInfo.commandCalls(redis.port(), "evalsha");
 * </pre>
 */
public final class RedisInfo {
    private RedisInfo() {
    }

    /**
     * One numeric field of an {@code INFO} section.
     *
     * @param port    the server's port on loopback
     * @param section the section, such as {@code clients}
     * @param field   the field, such as {@code connected_clients}
     * @return its value, or 0 when the section lacks it
     */
    public static long field(int port, String section, String field) {
        for (String line : info(port, section).split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim());
            }
        }
        return 0;
    }

    /**
     * How often a command was called since the server started or {@code CONFIG RESETSTAT}.
     *
     * @param port    the server's port on loopback
     * @param command the command in lower case, such as {@code evalsha}
     * @return the calls, 0 when never called
     */
    public static long commandCalls(int port, String command) {
        String prefix = "cmdstat_" + command + ":calls=";
        for (String line : info(port, "commandstats").split("\r\n")) {
            if (line.startsWith(prefix)) {
                int end = line.indexOf(',', prefix.length());
                return Long.parseLong(line.substring(prefix.length(), end < 0 ? line.length() : end));
            }
        }
        return 0;
    }

    /**
     * The text of an {@code INFO} section.
     *
     * @param port    the server's port on loopback
     * @param section the section
     * @return the bulk reply's text
     */
    public static String info(int port, String section) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write(("INFO " + section + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String head = in.readLine();
            if (head == null || !head.startsWith("$")) {
                throw new IllegalStateException("unexpected INFO reply: " + head);
            }
            char[] body = new char[Integer.parseInt(head.substring(1))];
            int read = 0;
            while (read < body.length) {
                int n = in.read(body, read, body.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            return new String(body, 0, read);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

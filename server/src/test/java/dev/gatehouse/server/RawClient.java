package dev.gatehouse.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A raw socket client for requests no well-behaved client would send. */
final class RawClient implements AutoCloseable {
    final Socket socket;
    final InputStream in;
    final OutputStream out;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    RawClient send(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** Reads until the server closes (bounded by the socket timeout). */
    String readToClose() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] b = new byte[8192];
        try {
            int n;
            while ((n = in.read(b)) >= 0) {
                buf.write(b, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("server did not close; got: " + buf.toString(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            // A reset after the response still counts as closed.
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads until {@code marker} has been seen {@code times} times. */
    String readUntil(String marker, int times) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] b = new byte[8192];
        while (count(buf.toString(StandardCharsets.ISO_8859_1), marker) < times) {
            int n = in.read(b);
            if (n < 0) {
                break;
            }
            buf.write(b, 0, n);
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads exactly n bytes. */
    String readN(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static int count(String s, String marker) {
        int c = 0;
        for (int i = s.indexOf(marker); i >= 0; i = s.indexOf(marker, i + marker.length())) {
            c++;
        }
        return c;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

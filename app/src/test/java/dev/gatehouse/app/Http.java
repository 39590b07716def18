package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Clients for the tests: java.net.http, a raw HTTP/1.1 socket client, and curl. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient CLIENT = client();

    private Http() {
    }

    /** @return a new HTTP/1.1 client with bounded connects */
    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * @param url     the URL
     * @param headers name, value, name, value...
     * @return the response
     */
    static HttpResponse<String> get(String url, String... headers) {
        return send(CLIENT, url, headers);
    }

    static HttpResponse<String> send(HttpClient client, String url, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param body JSON text
     * @return the tree
     */
    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    /**
     * A header the whoami backend saw, by name in any case.
     *
     * @param echo the whoami answer
     * @param name the header name
     * @return its value, or null when the backend did not get it
     */
    static String seen(JsonNode echo, String name) {
        JsonNode headers = echo.get("headers");
        for (var it = headers.fieldNames(); it.hasNext(); ) {
            String n = it.next();
            if (n.equalsIgnoreCase(name)) {
                return headers.get(n).asText();
            }
        }
        return null;
    }

    /**
     * The {@code X-Forwarded-For} the gateway sent: the test backends trust the gateway and append its address,
     * as any proxy does, so the last entry is the backend's own addition.
     *
     * @param echo the whoami answer
     * @return the value the gateway sent, or null
     */
    static String forwardedFor(JsonNode echo) {
        String v = seen(echo, "X-Forwarded-For");
        if (v == null) {
            return null;
        }
        int last = v.lastIndexOf(',');
        return last < 0 ? null : v.substring(0, last).trim();
    }

    /**
     * GETs an admin path, expecting 200 and JSON.
     *
     * @param g    the gateway
     * @param path such as {@code /api/overview}
     * @return the JSON
     */
    static JsonNode admin(Gateway g, String path) {
        HttpResponse<String> r = get("http://127.0.0.1:" + g.adminPort() + path);
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return json(r.body());
    }

    /** @return the gateway's {@code /metrics} text */
    static String metrics(Gateway g) {
        HttpResponse<String> r = get("http://127.0.0.1:" + g.adminPort() + "/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /**
     * The value of one sample in Prometheus text, or 0 when absent.
     *
     * @param metrics the text
     * @param series  the series exactly as written, such as {@code x_total{result="failure"}}
     * @return the value
     */
    static double sample(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
            }
        }
        return 0;
    }

    /** A response read from a raw socket. */
    record RawResponse(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Sends bytes as they are and reads one HTTP/1.1 response (by Content-Length, chunked, or to the end).
     *
     * @param port    the loopback port
     * @param request the raw request
     * @return the response
     */
    static RawResponse raw(int port, String request) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return readResponse(s.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RawResponse readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
            int c = l.indexOf(':');
            String k = l.substring(0, c).trim().toLowerCase(Locale.ROOT);
            String v = l.substring(c + 1).trim();
            headers.merge(k, v, (a, b) -> a + ", " + b);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                    size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else if (status >= 200 && status != 204 && status != 304) {
            body.write(in.readAllBytes());
        }
        return new RawResponse(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            sb.append((char) c);
            if (sb.length() > 2 * 1024 * 1024) {
                throw new IOException("line too long");
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    /** What curl printed and how it exited. */
    record Curl(int exit, String out, String err) {
    }

    /**
     * Runs curl with a bounded time.
     *
     * @param args curl's arguments
     * @return its output
     */
    static Curl curl(String... args) {
        try {
            Path out = Files.createTempFile("curl", ".out");
            Path err = Files.createTempFile("curl", ".err");
            try {
                String[] cmd = new String[args.length + 3];
                cmd[0] = "curl";
                cmd[1] = "--max-time";
                cmd[2] = "20";
                System.arraycopy(args, 0, cmd, 3, args.length);
                Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("curl did not finish: " + String.join(" ", cmd));
                }
                return new Curl(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

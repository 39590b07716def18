package dev.gatehouse.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A backend that echoes the request line and every header exactly as it arrived (a JDK HTTP server: it neither
 * drops hop-by-hop headers nor touches {@code X-Forwarded-*}), so a test sees precisely what the gateway sent.
 */
final class HeaderEchoServer implements AutoCloseable {
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpServer server;

    HeaderEchoServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", ex -> {
            ObjectNode out = Http.JSON.createObjectNode();
            out.put("uri", ex.getRequestURI().toString());
            ObjectNode headers = out.putObject("headers");
            for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
                ArrayNode values = headers.putArray(h.getKey().toLowerCase());
                h.getValue().forEach(values::add);
            }
            ex.getRequestBody().readAllBytes();
            byte[] body = Http.JSON.writeValueAsBytes(out);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

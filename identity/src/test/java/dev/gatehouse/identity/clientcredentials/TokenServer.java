package dev.gatehouse.identity.clientcredentials;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A real OAuth 2.0 token endpoint on a loopback port: answers {@code tok-N} and counts the calls. */
final class TokenServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final AtomicInteger calls = new AtomicInteger();
    volatile int status = 200;
    volatile String expiresIn = "3600";
    volatile String lastForm;
    volatile String lastAuthorization;
    volatile CountDownLatch gate;

    TokenServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/token", ex -> {
            try (ex) {
                lastForm = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                lastAuthorization = ex.getRequestHeaders().getFirst("Authorization");
                int n = calls.incrementAndGet();
                CountDownLatch g = gate;
                if (g != null) {
                    g.await(10, TimeUnit.SECONDS);
                }
                String body = status == 200
                        ? "{\"access_token\":\"tok-" + n + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}"
                        : "{\"error\":\"invalid_client\",\"error_description\":\"client secret s3cr3t is wrong\"}";
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(status, b.length);
                ex.getResponseBody().write(b);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    int calls() {
        return calls.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

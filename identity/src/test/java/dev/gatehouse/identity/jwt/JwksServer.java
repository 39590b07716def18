package dev.gatehouse.identity.jwt;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on loopback that serves a JWK set and counts requests. */
public final class JwksServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile String body;
    private volatile String cacheControl;
    private volatile int status = 200;
    private volatile java.util.concurrent.CountDownLatch gate;

    /**
     * Starts a server.
     *
     * @param jwks the JWK set JSON to serve
     * @throws IOException when it cannot bind
     */
    public JwksServer(String jwks) throws IOException {
        this.body = jwks;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            java.util.concurrent.CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (cacheControl != null) {
                exchange.getResponseHeaders().set("Cache-Control", cacheControl);
            }
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** @return the URL of the JWK set */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
    }

    /** @return how many requests arrived */
    public int requests() {
        return requests.get();
    }

    /** @param jwks the new JWK set */
    public void serve(String jwks) {
        this.body = jwks;
    }

    /** @param value the Cache-Control header to send, or null */
    public void cacheControl(String value) {
        this.cacheControl = value;
    }

    /** @param code the status to answer with */
    public void status(int code) {
        this.status = code;
    }

    /** Holds every response until {@link #release()}. */
    public void hold() {
        gate = new java.util.concurrent.CountDownLatch(1);
    }

    /** Lets held responses go. */
    public void release() {
        java.util.concurrent.CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}

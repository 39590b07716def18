package dev.gatehouse.identity.forwardauth;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A real authentication server on a loopback port: records each call and answers as the test says. */
public final class AuthServer implements AutoCloseable {
    /** What the server answers. */
    @FunctionalInterface
    public interface Answer {
        /**
         * @param ex the exchange, to read and to answer
         * @throws IOException when writing fails
         */
        void answer(HttpExchange ex) throws IOException;
    }

    /**
     * One call the server received.
     *
     * @param method  the method
     * @param uri     the request target
     * @param headers the headers
     * @param body    the body as text
     */
    public record Call(String method, String uri, Headers headers, String body) {
    }

    private final HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Answer answer = ex -> reply(ex, 200, "ok");
    private volatile Call last;

    /** Starts the server. */
    public AuthServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            last = new Call(ex.getRequestMethod(), ex.getRequestURI().toString(), ex.getRequestHeaders(),
                    new String(body, StandardCharsets.UTF_8));
            calls.incrementAndGet();
            try {
                answer.answer(ex);
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    /**
     * Writes a text answer.
     *
     * @param ex     the exchange
     * @param status the status
     * @param text   the body
     * @throws IOException when writing fails
     */
    public static void reply(HttpExchange ex, int status, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
    }

    /** @param a what to answer from now on */
    public void answer(Answer a) {
        this.answer = a;
    }

    /** @return the URL of a path on this server */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** @return how many calls arrived */
    public int calls() {
        return calls.get();
    }

    /** @return the last call, or null */
    public Call last() {
        return last;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}

package dev.gatehouse.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A browser for the tests on java.net.http: redirects are followed by hand (one step per call) and cookies are
 * kept per host, as a browser keeps them.
 */
final class BrowserClient {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    /** Host (host:port) to its cookies. */
    final Map<String, Map<String, String>> jar = new LinkedHashMap<>();

    /**
     * Sends one request, keeping the cookies it sets.
     *
     * @param method  the method
     * @param url     the absolute URL
     * @param headers name, value, ...
     * @return the response
     */
    HttpResponse<String> send(String method, String url, String... headers) {
        URI uri = URI.create(url);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        Map<String, String> cookies = cookies(uri);
        if (!cookies.isEmpty()) {
            StringJoiner j = new StringJoiner("; ");
            cookies.forEach((k, v) -> j.add(k + "=" + v));
            b.header("Cookie", j.toString());
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            for (String c : r.headers().allValues("Set-Cookie")) {
                String nv = c.substring(0, c.indexOf(';'));
                String name = nv.substring(0, nv.indexOf('='));
                if (c.contains("Max-Age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, nv.substring(nv.indexOf('=') + 1));
                }
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A page load: GET with a browser's {@code Accept}.
     *
     * @param url the URL
     * @return the response
     */
    HttpResponse<String> page(String url) {
        return send("GET", url, "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    }

    /**
     * Where a redirect points, resolved against the request's URL.
     *
     * @param r the redirect
     * @return the absolute URL
     */
    static String location(HttpResponse<String> r) {
        return r.request().uri().resolve(r.headers().firstValue("Location").orElseThrow()).toString();
    }

    /**
     * The cookies kept for a URL's host.
     *
     * @param uri the URL
     * @return the mutable cookie map
     */
    Map<String, String> cookies(URI uri) {
        return jar.computeIfAbsent(uri.getHost() + ":" + uri.getPort(), k -> new LinkedHashMap<>());
    }
}

package dev.gatehouse.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.testing.exchange.Exchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** A browser for in-memory exchanges: keeps cookies, and visits the test provider for real. */
final class OidcTestBrowser {
    /** One exchange and its response. */
    record Visit(Exchange exchange, HttpResponse response) {
        int status() {
            return response.status();
        }

        String location() {
            return response.headers().get("Location");
        }
    }

    final Map<String, String> jar = new LinkedHashMap<>();
    private final LoopRunner runner;
    private final Middleware middleware;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    OidcTestBrowser(LoopRunner runner, Middleware middleware) {
        this.runner = runner;
        this.middleware = middleware;
    }

    Middleware middlewareForTest() {
        return middleware;
    }

    Visit send(String method, String target, String... headers) {
        Exchange ex = Exchange.of(method, target, "127.0.0.1", false, runner.loop()).authority("app.test");
        for (int i = 0; i < headers.length; i += 2) {
            ex.header(headers[i], headers[i + 1]);
        }
        if (!jar.isEmpty()) {
            StringJoiner cookie = new StringJoiner("; ");
            jar.forEach((k, v) -> cookie.add(k + "=" + v));
            ex.header("Cookie", cookie.toString());
        }
        HttpResponse r = runner.run(ex, middleware);
        for (String c : r.headers().getAll("Set-Cookie")) {
            String nv = c.substring(0, c.indexOf(';'));
            String name = nv.substring(0, nv.indexOf('='));
            if (c.contains("Max-Age=0")) {
                jar.remove(name);
            } else {
                jar.put(name, nv.substring(nv.indexOf('=') + 1));
            }
        }
        return new Visit(ex, r);
    }

    Visit page(String target) {
        return send("GET", target, "Accept", "text/html");
    }

    /**
     * Visits the provider's authorize URL and returns where it sends the browser back.
     *
     * @param authorizeUrl the gateway's redirect
     * @return the callback target (path and query)
     */
    String approve(String authorizeUrl) {
        try {
            java.net.http.HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(authorizeUrl))
                    .timeout(Duration.ofSeconds(10)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("authorize answer: %s", r.body()).isEqualTo(302);
            URI back = URI.create(r.headers().firstValue("Location").orElseThrow());
            return back.getRawPath() + "?" + back.getRawQuery();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Logs in from a page and returns the callback's answer. */
    Visit login(String target) {
        Visit start = page(target);
        assertThat(start.status()).isEqualTo(302);
        return page(approve(start.location()));
    }
}

package dev.gatehouse.identity.clientcredentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.FreePort;
import dev.gatehouse.testing.exchange.Exchange;
import dev.gatehouse.testing.exchange.TestBuildContext;
import io.netty.channel.DefaultEventLoop;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientCredentialsMiddlewareTest {
    private static final String SECRET = "s3cr3t/+&=";
    private final TokenServer server = new TokenServer();
    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<TokenSource> sources = new ArrayList<>();

    @AfterEach
    void stop() {
        sources.forEach(TokenSource::close);
        server.close();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private ClientCredentialsSpec spec(String url, String style, Boolean overwrite) {
        return new ClientCredentialsSpec(url, "my client", SECRET, List.of("read", "write"), "https://api.test",
                style, Map.of("resource", "r1"), null, overwrite);
    }

    /** A middleware over a token source on the test's clock. */
    private Middleware middleware(ClientCredentialsSpec spec) {
        TokenSource s = new TokenSource(TokenRequest.of(URI.create(spec.tokenUrl()), spec,
                !"body".equals(spec.authStyle())), TokenSource.Timing.DEFAULT, now::get);
        sources.add(s);
        return new ClientCredentialsMiddleware(s, spec.headerName() == null ? "Authorization" : spec.headerName(),
                !Boolean.FALSE.equals(spec.overwrite()), "cc@file");
    }

    private record Result(int status, String authorization, String errorDetail) {
    }

    private Result send(Middleware m, String... headers) throws Exception {
        Exchange ex = Exchange.of("GET", "/", "10.0.0.1", false, loop);
        for (int i = 0; i < headers.length; i += 2) {
            ex.header(headers[i], headers[i + 1]);
        }
        CompletableFuture<Result> out = new CompletableFuture<>();
        loop.execute(() -> ex.run(m).onReady(r -> out.complete(new Result(r.status(),
                ex.seen() == null ? null : ex.seen().headers().get("Authorization"), ex.context().errorDetail()))));
        return out.get(15, TimeUnit.SECONDS);
    }

    private static Map<String, String> form(String form) {
        Map<String, String> m = new java.util.HashMap<>();
        for (String kv : form.split("&")) {
            String[] p = kv.split("=", 2);
            m.put(URLDecoder.decode(p[0], StandardCharsets.UTF_8), URLDecoder.decode(p[1], StandardCharsets.UTF_8));
        }
        return m;
    }

    @Test
    void basicStyleSendsTheGrantAndTheUpstreamGetsTheBearerToken() throws Exception {
        Result r = send(middleware(spec(server.url(), null, null)), "Authorization", "Bearer client-supplied");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.authorization()).isEqualTo("Bearer tok-1");
        assertThat(form(server.lastForm)).containsEntry("grant_type", "client_credentials")
                .containsEntry("scope", "read write").containsEntry("audience", "https://api.test")
                .containsEntry("resource", "r1").doesNotContainKeys("client_id", "client_secret");
        String basic = new String(Base64.getDecoder().decode(server.lastAuthorization.substring(6)),
                StandardCharsets.UTF_8);
        assertThat(basic).isEqualTo("my+client:s3cr3t%2F%2B%26%3D");
    }

    @Test
    void bodyStyleSendsTheCredentialsAsFields() throws Exception {
        send(middleware(spec(server.url(), "body", null)));
        assertThat(server.lastAuthorization).isNull();
        assertThat(form(server.lastForm)).containsEntry("client_id", "my client").containsEntry("client_secret", SECRET);
    }

    @Test
    void oneFetchServesManyConcurrentRequests() throws Exception {
        server.gate = new CountDownLatch(1);
        Middleware m = middleware(spec(server.url(), null, null));
        List<CompletableFuture<Result>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return send(m);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        Eventually.await(Duration.ofSeconds(5), "the token call", () -> server.calls() == 1);
        server.gate.countDown();
        for (CompletableFuture<Result> f : all) {
            assertThat(f.get(15, TimeUnit.SECONDS).authorization()).isEqualTo("Bearer tok-1");
        }
        for (int i = 0; i < 10; i++) {
            assertThat(send(m).authorization()).isEqualTo("Bearer tok-1");
        }
        assertThat(server.calls()).isEqualTo(1);
    }

    @Test
    void tokenIsRefreshedAheadOfExpiryAndRenewedAfterIt() throws Exception {
        server.expiresIn = "100";
        Middleware m = middleware(spec(server.url(), null, null));
        assertThat(send(m).authorization()).isEqualTo("Bearer tok-1");
        // usable for 75 s (100 minus a quarter), refreshed after three quarters of that
        now.addAndGet(Duration.ofSeconds(57).toNanos());
        assertThat(send(m).authorization()).as("still the cached token while refreshing").isEqualTo("Bearer tok-1");
        Eventually.await(Duration.ofSeconds(5), "the background refresh", () -> server.calls() == 2);
        Eventually.await(Duration.ofSeconds(5), "the new token in use",
                () -> "Bearer tok-2".equals(sendQuietly(m).authorization()));
        now.addAndGet(Duration.ofSeconds(200).toNanos());
        assertThat(send(m).authorization()).as("expired: the request waits for a new one").isEqualTo("Bearer tok-3");
        assertThat(server.calls()).isEqualTo(3);
    }

    private Result sendQuietly(Middleware m) {
        try {
            return send(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void failingEndpointAnswers503BacksOffAndRecovers() throws Exception {
        server.status = 401;
        Middleware m = middleware(spec(server.url(), null, null));
        Result first = send(m);
        assertThat(first.status()).isEqualTo(503);
        assertThat(first.errorDetail()).contains("401").contains("invalid_client")
                .doesNotContain("s3cr3t").doesNotContain(SECRET);
        Result during = send(m);
        assertThat(during.status()).isEqualTo(503);
        assertThat(server.calls()).as("no call during the back-off").isEqualTo(1);
        server.status = 200;
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        Result recovered = send(m);
        assertThat(recovered.status()).isEqualTo(200);
        assertThat(recovered.authorization()).isEqualTo("Bearer tok-2");
    }

    @Test
    void unreachableEndpointAnswers503() throws Exception {
        Result r = send(middleware(spec("http://127.0.0.1:" + FreePort.next() + "/token", null, null)));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.errorDetail()).contains("unreachable").doesNotContain(SECRET);
    }

    @Test
    void overwriteFalseKeepsTheClientsHeaderAndFetchesNothing() throws Exception {
        Result r = send(middleware(spec(server.url(), null, false)), "Authorization", "Bearer mine");
        assertThat(r.authorization()).isEqualTo("Bearer mine");
        assertThat(server.calls()).isZero();
    }

    @Test
    void factoryBuildsAWorkingMiddlewareOnItsHeader() throws Exception {
        Middleware m = new ClientCredentialsFactory().create(new ClientCredentialsSpec(server.url(), "id", "pw",
                null, null, null, null, "X-Upstream-Token", null), TestBuildContext.simple());
        Exchange ex = Exchange.of("GET", "/", "10.0.0.1", false, loop);
        CompletableFuture<HttpResponse> out = new CompletableFuture<>();
        loop.execute(() -> ex.run(m).onReady(out::complete));
        assertThat(out.get(15, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(ex.seen().headers().get("X-Upstream-Token")).isEqualTo("Bearer tok-1");
        assertThat(form(server.lastForm)).containsOnlyKeys("grant_type");
    }
}

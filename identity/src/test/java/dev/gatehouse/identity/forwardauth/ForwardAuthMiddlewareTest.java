package dev.gatehouse.identity.forwardauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.StandardAttributes;
import dev.gatehouse.testing.FreePort;
import dev.gatehouse.testing.exchange.Exchange;
import dev.gatehouse.testing.exchange.TestBuildContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** After Traefik's forward_test.go, against a real authentication server on a loopback port. */
class ForwardAuthMiddlewareTest {
    private final AuthServer auth = new AuthServer();
    private final Harness h = new Harness();

    @AfterEach
    void stop() {
        auth.close();
        h.close();
    }

    static ForwardAuthSpec spec(String address) {
        return new ForwardAuthSpec(address, null, null, null, null, null, null, null, null, null, null, null);
    }

    static Middleware build(ForwardAuthSpec spec) {
        return new ForwardAuthFactory().create(spec, TestBuildContext.simple());
    }

    @Test
    void successCopiesChosenHeadersReplacingTheClientsOnes() throws Exception {
        auth.answer(ex -> {
            ex.getResponseHeaders().set("X-Auth-User", "user@example.com");
            ex.getResponseHeaders().set("X-Auth-Secret", "secret");
            ex.getResponseHeaders().add("X-Auth-Group", "group1");
            ex.getResponseHeaders().add("X-Auth-Group", "group2");
            ex.getResponseHeaders().add("Foo-Bar", "auth-value");
            AuthServer.reply(ex, 200, "Success\n");
        });
        Middleware m = build(new ForwardAuthSpec(auth.url("/auth"), null, null,
                List.of("X-Auth-User", "X-Auth-Group"), "^Foo-", null, null, null, null, "X-Auth-User", null, null));
        Harness.Reply r = h.run(m, Harness.request("GET", "/", Body.empty(), "X-Auth-Group", "admin_group",
                "X-Auth-User", "spoofed", "Foo-Bar", "client-value", "Foo-Baz", "client-value"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("backend");
        assertThat(h.seen.headers().get("X-Auth-User")).isEqualTo("user@example.com");
        assertThat(h.seen.headers().getAll("X-Auth-User")).hasSize(1);
        assertThat(h.seen.headers().get("X-Auth-Secret")).isNull();
        assertThat(h.seen.headers().getAll("X-Auth-Group")).containsExactly("group1", "group2");
        assertThat(h.seen.headers().get("Foo-Bar")).isEqualTo("auth-value");
        assertThat(h.seen.headers().get("Foo-Baz")).as("client copy removed by the regex").isNull();
        assertThat(h.ctx.get(StandardAttributes.CONSUMER).id()).isEqualTo("user@example.com");
        assertThat(h.ctx.get(StandardAttributes.CONSUMER).method()).isEqualTo("forwardAuth");
        assertThat(h.ctx.get(StandardAttributes.CLIENT_USERNAME)).isEqualTo("user@example.com");
    }

    @Test
    void runsOnTheSharedInMemoryExchange() throws Exception {
        auth.answer(ex -> {
            boolean ok = "Bearer good".equals(ex.getRequestHeaders().getFirst("Authorization"));
            ex.getResponseHeaders().set("X-Auth-User", "bob");
            AuthServer.reply(ex, ok ? 204 : 401, ok ? "" : "no");
        });
        Middleware m = build(new ForwardAuthSpec(auth.url("/auth"), null, null, List.of("X-Auth-User"), null, null,
                null, null, null, null, null, null));
        for (String token : List.of("Bearer good", "Bearer bad")) {
            Exchange ex = Exchange.of("GET", "/x", "10.0.0.1", false, h.loop).header("Authorization", token);
            CompletableFuture<Integer> status = new CompletableFuture<>();
            h.loop.execute(() -> ex.run(m).onReady(r -> status.complete(r.status())));
            boolean good = token.equals("Bearer good");
            assertThat(status.get(15, TimeUnit.SECONDS)).as("a 2xx from the server lets the service answer").isEqualTo(good ? 200 : 401);
            assertThat(ex.reachedService()).isEqualTo(good);
            if (good) {
                assertThat(ex.seen().headers().get("X-Auth-User")).isEqualTo("bob");
            }
        }
    }

    @Test
    void withoutHeaderFieldTheConsumerIsTheMiddlewaresName() throws Exception {
        Harness.Reply r = h.run(build(spec(auth.url("/auth"))), Harness.request("GET", "/", Body.empty()));
        assertThat(r.status()).isEqualTo(200);
        assertThat(h.ctx.get(StandardAttributes.CONSUMER).id()).isEqualTo("test@file");
    }

    @Test
    void denialSendsBackTheServersStatusHeadersAndBody() throws Exception {
        auth.answer(ex -> {
            ex.getResponseHeaders().set("Proxy-Authenticate", "test");
            ex.getResponseHeaders().add("Set-Cookie", "example=testing; Path=/");
            ex.getResponseHeaders().add("X-Foo", "bar");
            ex.getResponseHeaders().add("Keep-Alive", "timeout=5");
            ex.getResponseHeaders().add("Upgrade", "h2c");
            ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            AuthServer.reply(ex, 403, "Forbidden\n");
        });
        Harness.Reply r = h.run(build(spec(auth.url("/auth"))), Harness.request("GET", "/", Body.empty()));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("Forbidden\n");
        assertThat(r.headers().get("Proxy-Authenticate")).isEqualTo("test");
        assertThat(r.headers().get("Set-Cookie")).isEqualTo("example=testing; Path=/");
        assertThat(r.headers().get("X-Foo")).isEqualTo("bar");
        assertThat(r.headers().get("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.headers().contains("Keep-Alive")).as("hop-by-hop").isFalse();
        assertThat(r.headers().contains("Upgrade")).as("hop-by-hop").isFalse();
        assertThat(h.calls).isZero();
        assertThat(h.ctx.get(StandardAttributes.CONSUMER)).isNull();
    }

    @Test
    void relativeLocationIsResolvedAgainstTheAddressUnlessPreserved() throws Exception {
        auth.answer(ex -> {
            ex.getResponseHeaders().set("Location", "/login?rd=x");
            AuthServer.reply(ex, 302, "");
        });
        Harness.Reply r = h.run(build(spec(auth.url("/auth/verify"))), Harness.request("GET", "/", Body.empty()));
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.headers().get("Location")).isEqualTo(auth.url("/login?rd=x"));

        Harness.Reply kept = h.run(build(new ForwardAuthSpec(auth.url("/auth"), null, null, null, null, null, null,
                null, null, null, true, null)), Harness.request("GET", "/", Body.empty()));
        assertThat(kept.headers().get("Location")).isEqualTo("/login?rd=x");

        auth.answer(ex -> {
            ex.getResponseHeaders().set("Location", "http://example.com/redirect-test");
            AuthServer.reply(ex, 302, "");
        });
        Harness.Reply absolute = h.run(build(spec(auth.url("/auth"))), Harness.request("GET", "/", Body.empty()));
        assertThat(absolute.headers().get("Location")).isEqualTo("http://example.com/redirect-test");
        assertThat(h.calls).isZero();
    }

    @Test
    void forwardedHeadersComeFromTheRequestUnlessTrusted() throws Exception {
        String[] spoof = {"X-Forwarded-Host", "fii.bir", "X-Forwarded-Uri", "/forward?q=1",
            "X-Forwarded-Method", "OPTIONS", "X-Forwarded-Proto", "https", "X-Forwarded-For", "1.2.3.4",
            "X-Forwarded-Port", "8443", "Accept", "application/json"};
        h.run(build(spec(auth.url("/auth"))), Harness.request("POST", "/path?q=1", Body.empty(), spoof));
        AuthServer.Call untrusted = auth.last();
        assertThat(untrusted.method()).isEqualTo("GET");
        assertThat(untrusted.headers().getFirst("X-Forwarded-Host")).isEqualTo("example.com");
        assertThat(untrusted.headers().getFirst("X-Forwarded-Uri")).isEqualTo("/path?q=1");
        assertThat(untrusted.headers().getFirst("X-Forwarded-Method")).isEqualTo("POST");
        assertThat(untrusted.headers().getFirst("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(untrusted.headers().get("X-Forwarded-For")).containsExactly("10.0.0.1");
        assertThat(untrusted.headers().getFirst("Accept")).isEqualTo("application/json");

        h.run(build(new ForwardAuthSpec(auth.url("/auth"), null, true, null, null, null, null, null, null, null,
                null, null)), Harness.request("POST", "/path?q=1", Body.empty(), spoof));
        AuthServer.Call trusted = auth.last();
        assertThat(trusted.headers().getFirst("X-Forwarded-Host")).isEqualTo("fii.bir");
        assertThat(trusted.headers().getFirst("X-Forwarded-Uri")).isEqualTo("/forward?q=1");
        assertThat(trusted.headers().getFirst("X-Forwarded-Method")).isEqualTo("OPTIONS");
        assertThat(trusted.headers().getFirst("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(trusted.headers().getFirst("X-Forwarded-Port")).isEqualTo("8443");
        assertThat(trusted.headers().get("X-Forwarded-For")).containsExactly("1.2.3.4, 10.0.0.1");
    }

    @Test
    void tlsConnectionIsReportedAsHttps() throws Exception {
        h.run(build(spec(auth.url("/auth"))), Harness.request("GET", "/", Body.empty()), true);
        assertThat(auth.last().headers().getFirst("X-Forwarded-Proto")).isEqualTo("https");
    }

    @Test
    void hopByHopHeadersAreDroppedAndAuthRequestHeadersFilter() throws Exception {
        h.run(build(spec(auth.url("/auth"))), Harness.request("GET", "/path?q=1", Body.empty(),
                "Connection", "X-Private", "X-Private", "p", "Keep-Alive", "1", "TE", "trailers",
                "X-CustomHeader", "CustomHeader"));
        AuthServer.Call all = auth.last();
        assertThat(all.headers().containsKey("X-private")).as("named by Connection").isFalse();
        assertThat(all.headers().containsKey("Keep-alive")).isFalse();
        assertThat(all.headers().getFirst("X-customheader")).isEqualTo("CustomHeader");

        h.run(build(new ForwardAuthSpec(auth.url("/auth"), null, null, null, null,
                List.of("x-customheader", "X-Non-Exists-Header"), null, null, null, null, null, null)),
                Harness.request("GET", "/path?q=1", Body.empty(), "X-CustomHeader", "CustomHeader",
                        "Content-Type", "multipart/form-data; boundary=---123456"));
        AuthServer.Call filtered = auth.last();
        assertThat(filtered.headers().getFirst("X-customheader")).isEqualTo("CustomHeader");
        assertThat(filtered.headers().containsKey("Content-type")).isFalse();
        assertThat(filtered.headers().containsKey("X-non-exists-header")).isFalse();
        assertThat(filtered.headers().getFirst("X-forwarded-uri")).isEqualTo("/path?q=1");
    }

    @Test
    void forwardBodySendsTheBodyAndTheBackendStillGetsIt() throws Exception {
        Middleware m = build(new ForwardAuthSpec(auth.url("/auth"), null, null, null, null, null, null, true, 16L,
                null, null, true));
        Harness.Reply r = h.run(m, Harness.request("POST", "/", Body.of("hello body"), "Content-Length", "10"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(auth.last().method()).isEqualTo("POST");
        assertThat(auth.last().body()).isEqualTo("hello body");
        assertThat(h.seenBody).isEqualTo("hello body");

        int before = auth.calls();
        Harness.Reply big = h.run(m, Harness.request("POST", "/", Body.of("x".repeat(17))));
        assertThat(big.status()).as("Traefik answers 401 to a body over maxBodySize").isEqualTo(401);
        assertThat(auth.calls()).isEqualTo(before);
        assertThat(h.calls).isEqualTo(1);
    }

    @Test
    void withoutForwardBodyTheServerGetsNoBody() throws Exception {
        Harness.Reply r = h.run(build(spec(auth.url("/auth"))), Harness.request("POST", "/", Body.of("secret")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(auth.last().body()).isEmpty();
        assertThat(h.seenBody).isEqualTo("secret");
    }

    @Test
    void unreachableServerAnswers500() throws Exception {
        int port = FreePort.next();
        Harness.Reply r = h.run(build(spec("http://127.0.0.1:" + port + "/auth")),
                Harness.request("GET", "/", Body.empty()));
        assertThat(r.status()).isEqualTo(500);
        assertThat(h.calls).isZero();
        assertThat(h.ctx.errorDetail()).contains("unreachable").doesNotContain("127.0.0.1:" + port + "/auth?");
    }

    @Test
    void lineBreakInAHeaderValueIsRefusedWithoutCallingTheServer() throws Exception {
        Harness.Reply r = h.run(build(spec(auth.url("/auth"))), Harness.request("GET", "/", Body.empty(),
                "X-Evil", "a\r\nX-Injected: 1"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(auth.calls()).isZero();
        assertThat(h.calls).isZero();
        Harness.Reply lf = h.run(build(spec(auth.url("/auth"))), Harness.request("GET", "/", Body.empty(),
                "X-Evil", "a\nb"));
        assertThat(lf.status()).isEqualTo(400);
        assertThat(auth.calls()).isZero();
    }

    @Test
    void authCookiesReplaceTheBackendsOnesOfTheSameName() throws Exception {
        auth.answer(ex -> {
            ex.getResponseHeaders().add("Set-Cookie", "session=abc; Path=/");
            ex.getResponseHeaders().add("Set-Cookie", "other=x");
            AuthServer.reply(ex, 200, "");
        });
        h.upstreamHeaders.add("Set-Cookie", "session=old").add("Set-Cookie", "keep=1");
        Middleware m = build(new ForwardAuthSpec(auth.url("/auth"), null, null, null, null, null,
                List.of("session"), null, null, null, null, null));
        Harness.Reply r = h.run(m, Harness.request("GET", "/", Body.empty()));
        assertThat(r.headers().getAll("Set-Cookie")).containsExactly("keep=1", "session=abc; Path=/");
    }
}

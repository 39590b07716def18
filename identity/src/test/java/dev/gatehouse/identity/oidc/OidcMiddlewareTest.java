package dev.gatehouse.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Consumer;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.StandardAttributes;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.exchange.TestBuildContext;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OidcMiddlewareTest {
    static TestOpenIdProvider idp;
    static LoopRunner runner;
    static ExecutorService executor;

    @BeforeAll
    static void start() {
        idp = TestOpenIdProvider.start();
        runner = new LoopRunner();
        executor = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        idp.close();
        runner.close();
        executor.shutdownNow();
    }

    @BeforeEach
    void reset() {
        idp.accessLifetime = 300;
        idp.forcedNonce = null;
        idp.rogueKey = null;
        idp.groups = List.of("admins", "dev");
    }

    static Middleware build(OidcSpec spec) {
        return new OidcFactory().create(spec, new TestBuildContext(Path.of("."), executor));
    }

    static OidcTestBrowser browser() {
        return new OidcTestBrowser(runner, build(OidcSpecs.spec(idp.issuer())));
    }

    @Test
    void unauthenticatedPageRedirectsToProviderWithPkceStateAndNonce() {
        OidcTestBrowser b = browser();
        OidcTestBrowser.Visit v = b.page("/app?x=1");

        assertThat(v.status()).isEqualTo(302);
        assertThat(v.exchange().reachedService()).isFalse();
        assertThat(v.location()).startsWith(idp.issuer() + "/authorize?");
        Map<String, List<String>> q = new QueryStringDecoder(v.location()).parameters();
        assertThat(q.get("response_type")).containsExactly("code");
        assertThat(q.get("client_id")).containsExactly(TestOpenIdProvider.CLIENT_ID);
        assertThat(q.get("redirect_uri")).containsExactly("http://app.test/callback");
        assertThat(q.get("scope")).containsExactly("openid profile");
        assertThat(q.get("code_challenge_method")).containsExactly("S256");
        assertThat(q.get("code_challenge").get(0)).hasSize(43);
        assertThat(q.get("state").get(0)).hasSize(43);
        assertThat(q.get("nonce").get(0)).hasSize(43).isNotEqualTo(q.get("state").get(0));
        assertThat(q.get("prompt")).containsExactly("login");
        assertThat(v.response().headers().getAll("Set-Cookie")).singleElement().asString()
                .startsWith("gatehouse_oidc_state=").contains("HttpOnly").contains("SameSite=Lax");
    }

    @Test
    void nonBrowserRequestsGet401() {
        OidcTestBrowser b = browser();

        assertThat(b.send("POST", "/app", "Accept", "text/html").status()).isEqualTo(401);
        assertThat(b.send("GET", "/app", "Accept", "application/json").status()).isEqualTo(401);
        assertThat(b.send("GET", "/app", "Accept", "text/html", "X-Requested-With", "XMLHttpRequest").status())
                .isEqualTo(401);
    }

    @Test
    void loginSetsTheConsumerAndForwardsClaimsButNotTheSession() {
        OidcTestBrowser b = browser();
        OidcTestBrowser.Visit done = b.login("/app?x=1");
        assertThat(done.status()).isEqualTo(302);
        assertThat(done.location()).isEqualTo("/app?x=1");
        assertThat(done.exchange().reachedService()).isFalse();
        assertThat(b.jar).containsKey("gatehouse_session").doesNotContainKey("gatehouse_oidc_state");

        b.jar.put("other", "kept");
        OidcTestBrowser.Visit v = b.send("GET", "/app?x=1", "X-User", "mallory");

        assertThat(v.exchange().reachedService()).isTrue();
        Consumer c = v.exchange().context().get(StandardAttributes.CONSUMER);
        assertThat(c.id()).isEqualTo("alice");
        assertThat(c.method()).isEqualTo("oidc");
        assertThat(c.groups()).containsExactly("admins", "dev");
        assertThat(c.scopes()).containsExactly("openid", "profile");
        assertThat(c.claims()).containsEntry("email", "alice@example.com");
        assertThat(v.exchange().seen().headers().getAll("X-User")).containsExactly("alice");
        assertThat(v.exchange().seen().headers().get("X-Groups")).isEqualTo("admins,dev");
        assertThat(v.exchange().seen().headers().get("Cookie")).isEqualTo("other=kept");
    }

    @Test
    void callbackWithAnotherStateIsRejected() {
        OidcTestBrowser b = browser();
        String callback = b.approve(b.page("/app").location());
        String forged = callback.replaceFirst("state=[^&]+", "state=forged");

        OidcTestBrowser.Visit v = b.page(forged);

        assertThat(v.status()).isEqualTo(401);
        assertThat(v.exchange().reachedService()).isFalse();
        assertThat(b.jar).doesNotContainKey("gatehouse_session");
    }

    @Test
    void replayedCallbackIsRejected() {
        OidcTestBrowser b = browser();
        String callback = b.approve(b.page("/app").location());
        String stateCookie = b.jar.get("gatehouse_oidc_state");
        assertThat(b.page(callback).status()).isEqualTo(302);

        OidcTestBrowser attacker = new OidcTestBrowser(runner, b.middlewareForTest());
        attacker.jar.put("gatehouse_oidc_state", stateCookie);
        OidcTestBrowser.Visit replay = attacker.page(callback);

        assertThat(replay.status()).isEqualTo(401);
        assertThat(attacker.jar).doesNotContainKey("gatehouse_session");
    }

    @Test
    void callbackWithoutTheStateCookieIsRejected() {
        OidcTestBrowser b = browser();
        String callback = b.approve(b.page("/app").location());
        b.jar.clear();

        assertThat(b.page(callback).status()).isEqualTo(401);
    }

    @Test
    void wrongNonceIsRejected() {
        idp.forcedNonce = "not-the-login-nonce";
        OidcTestBrowser b = browser();

        OidcTestBrowser.Visit v = b.login("/app");

        assertThat(v.status()).isEqualTo(401);
        assertThat(b.jar).doesNotContainKey("gatehouse_session");
    }

    @Test
    void idTokenSignedWithAnUnpublishedKeyIsRejected() {
        idp.rogueKey = TestOpenIdProvider.newKey();
        OidcTestBrowser b = browser();

        assertThat(b.login("/app").status()).isEqualTo(401);
        assertThat(b.jar).doesNotContainKey("gatehouse_session");
    }

    @Test
    void tamperedSessionCookieIsRejectedAndCleared() {
        OidcTestBrowser b = browser();
        b.login("/app");
        String s = b.jar.get("gatehouse_session");
        int i = s.length() - 30;
        b.jar.put("gatehouse_session", s.substring(0, i) + (s.charAt(i) == 'A' ? 'B' : 'A') + s.substring(i + 1));

        OidcTestBrowser.Visit api = b.send("GET", "/app", "Accept", "application/json");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.exchange().reachedService()).isFalse();
        assertThat(b.jar).doesNotContainKey("gatehouse_session");
    }

    @Test
    void sessionOfAnotherSecretIsRejected() {
        OidcTestBrowser other = new OidcTestBrowser(runner, build(OidcSpecs.spec(idp.issuer(),
                "a-different-secret-of-32-bytes-or-more", null, Map.of())));
        other.login("/app");
        OidcTestBrowser b = browser();
        b.jar.put("gatehouse_session", other.jar.get("gatehouse_session"));

        OidcTestBrowser.Visit v = b.page("/app");

        assertThat(v.status()).isEqualTo(302);
        assertThat(v.location()).startsWith(idp.issuer() + "/authorize?");
        assertThat(v.exchange().reachedService()).isFalse();
    }

    @Test
    void expiredLoginIsRefreshedWithTheRefreshToken() {
        idp.accessLifetime = 1;
        OidcTestBrowser b = browser();
        b.login("/app");
        String before = b.jar.get("gatehouse_session");
        int refreshes = idp.refreshCalls.get();

        List<Integer> statuses = new ArrayList<>();
        Eventually.await(Duration.ofSeconds(5), "a page load served with a refreshed session cookie", () -> {
            OidcTestBrowser.Visit v = b.page("/app");
            statuses.add(v.status());
            return v.status() == 200 && v.exchange().reachedService()
                    && !before.equals(b.jar.get("gatehouse_session"));
        });

        assertThat(idp.refreshCalls.get()).isEqualTo(refreshes + 1);
        assertThat(b.jar.get("gatehouse_session")).isNotEqualTo(before);
        assertThat(statuses).doesNotContain(401);
    }

    @Test
    void expiredLoginOfAnApiRequestIsRefreshedOnceAndGoesOn() {
        idp.accessLifetime = 1;
        OidcTestBrowser b = browser();
        b.login("/app");
        idp.accessLifetime = 300;
        int refreshes = idp.refreshCalls.get();

        Eventually.await(Duration.ofSeconds(5), "a refreshed API request",
                () -> b.send("GET", "/api", "Accept", "application/json").exchange().reachedService()
                        && idp.refreshCalls.get() > refreshes);

        for (int i = 0; i < 3; i++) {
            OidcTestBrowser.Visit v = b.send("POST", "/api", "Accept", "application/json");
            assertThat(v.exchange().reachedService()).isTrue();
            assertThat(v.exchange().context().get(StandardAttributes.CONSUMER).id()).isEqualTo("alice");
        }
        assertThat(idp.refreshCalls.get()).as("requests with the old cookie share one refresh")
                .isEqualTo(refreshes + 1);
    }

    @Test
    void concurrentPageLoadsAfterExpiryShareOneRefresh() throws Exception {
        idp.accessLifetime = 1;
        OidcTestBrowser b = browser();
        b.login("/app");
        idp.accessLifetime = 300;
        String cookie = "gatehouse_session=" + b.jar.get("gatehouse_session");
        int refreshes = idp.refreshCalls.get();
        Eventually.await(Duration.ofSeconds(5), "the login to expire",
                () -> System.currentTimeMillis() / 1000 > sessionAccessExpiry(b) );

        List<java.util.concurrent.CompletableFuture<dev.gatehouse.core.HttpResponse>> loads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            loads.add(runner.start(dev.gatehouse.testing.exchange.Exchange.of("GET", "/p" + i, "127.0.0.1", false,
                    runner.loop()).authority("app.test").header("Accept", "text/html").header("Cookie", cookie),
                    b.middlewareForTest()));
        }

        for (int i = 0; i < 5; i++) {
            dev.gatehouse.core.HttpResponse r = loads.get(i).get();
            assertThat(r.status()).as("served, no extra redirect").isEqualTo(200);
            assertThat(r.headers().get("Set-Cookie")).startsWith("gatehouse_session=");
        }
        assertThat(idp.refreshCalls.get()).isEqualTo(refreshes + 1);
    }

    /** Reads the access expiry from the browser's session cookie, as the middleware sees it. */
    private static long sessionAccessExpiry(OidcTestBrowser b) {
        Map<String, Object> opened = new Sealer(OidcSpecs.SECRET, "session").open(b.jar.get("gatehouse_session"));
        return ((Number) opened.get("aexp")).longValue();
    }

    @Test
    void expiredLoginWithoutRefreshStartsANewLogin() {
        idp.accessLifetime = 1;
        OidcTestBrowser b = new OidcTestBrowser(runner, build(OidcSpecs.spec(idp.issuer(), OidcSpecs.SECRET,
                OidcSpecs.session(false), Map.of())));
        b.login("/app");

        Eventually.await(Duration.ofSeconds(5), "a new login", () -> {
            OidcTestBrowser.Visit v = b.page("/app");
            return v.status() == 302 && v.location().startsWith(idp.issuer() + "/authorize?");
        });
    }

    @Test
    void logoutClearsTheSessionAndEndsItAtTheProvider() {
        OidcTestBrowser b = browser();
        b.login("/app");

        OidcTestBrowser.Visit out = b.page("/logout");

        assertThat(out.status()).isEqualTo(302);
        Map<String, List<String>> q = new QueryStringDecoder(out.location()).parameters();
        assertThat(out.location()).startsWith(idp.issuer() + "/end_session?");
        assertThat(q.get("post_logout_redirect_uri")).containsExactly("http://app.test/bye");
        assertThat(q.get("id_token_hint").get(0)).contains(".");
        assertThat(b.jar).doesNotContainKey("gatehouse_session");
        assertThat(b.page("/app").location()).startsWith(idp.issuer() + "/authorize?");
    }

    @Test
    void largeSessionsSplitAcrossCookies() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            many.add("group-" + java.util.UUID.randomUUID());
        }
        idp.groups = many;
        OidcTestBrowser b = browser();

        OidcTestBrowser.Visit done = b.login("/app");

        assertThat(done.response().headers().getAll("Set-Cookie")).allSatisfy(c -> assertThat(c).hasSizeLessThan(4096));
        assertThat(b.jar).containsKeys("gatehouse_session", "gatehouse_session_1");
        OidcTestBrowser.Visit v = b.page("/app");
        assertThat(v.exchange().reachedService()).isTrue();
        assertThat(v.exchange().context().get(StandardAttributes.CONSUMER).groups()).hasSize(400);
    }

    @Test
    void unreachableProviderGives503() {
        String closed = "http://127.0.0.1:" + dev.gatehouse.testing.FreePort.next();
        OidcTestBrowser b = new OidcTestBrowser(runner, build(OidcSpecs.spec(closed)));

        assertThat(b.page("/app").status()).isEqualTo(503);
    }
}

package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.identity.oidc.TestOpenIdProvider;
import dev.gatehouse.testing.Eventually;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: the oidc middleware's browser login against a real OpenID provider, through a real gateway. */
class OidcIT {
    @TempDir
    static Path dir;
    static TestOpenIdProvider idp;
    static Backends backends;
    static Backends.Backend app;
    static Gateway gateway;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        idp = TestOpenIdProvider.start();
        backends = new Backends();
        app = backends.whoami("app");
        String routes = """
                http:
                  routers:
                    app:
                      rule: "PathPrefix(`/`)"
                      middlewares: [login]
                      service: app
                  middlewares:
                    login:
                      oidc:
                        issuer: "%s"
                        clientID: gatehouse
                        clientSecret: "s3cret:&="
                        secret: "an-example-secret-of-32-bytes-or-more"
                        redirectUrl: /callback
                        logoutUrl: /logout
                        postLogoutRedirectUrl: /bye
                        scopes: [profile]
                        session:
                          name: sid
                          expiry: 3600
                        stateCookie:
                          maxAge: 300
                        forwardHeaders:
                          X-User: sub
                          X-Groups: groups
                    unsupported:
                      oidc:
                        issuer: "%s"
                        clientID: gatehouse
                        secret: "an-example-secret-of-32-bytes-or-more"
                        redirectUrl: /callback
                        claims: Equals(`grp`, `admin`)
                  services:
                    app:
                      loadBalancer:
                        servers: [{url: "%s"}]
                """.formatted(idp.issuer(), idp.issuer(), app.url());
        gateway = TestGateway.start(dir, TestGateway.install(), routes);
        base = "http://127.0.0.1:" + gateway.port("web");
    }

    @AfterAll
    static void stop() {
        TestGateway.closeAll(gateway, backends, idp);
    }

    @BeforeEach
    void reset() {
        idp.accessLifetime = 300;
    }

    /** Logs in from a page: the gateway's redirect, the provider, the callback. Returns the callback's answer. */
    private static HttpResponse<String> login(BrowserClient b, String path) {
        HttpResponse<String> start = b.page(base + path);
        assertThat(start.statusCode()).isEqualTo(302);
        String authorize = BrowserClient.location(start);
        assertThat(authorize).startsWith(idp.issuer() + "/authorize?").contains("code_challenge_method=S256");
        HttpResponse<String> approved = b.page(authorize);
        assertThat(approved.statusCode()).isEqualTo(302);
        String callback = BrowserClient.location(approved);
        assertThat(callback).startsWith(base + "/callback?");
        return b.page(callback);
    }

    @Test
    void unsupportedDocumentedKeysAreReportedNotIgnored() {
        assertThat(gateway.lastErrors()).anySatisfy(d -> assertThat(d.toString())
                .contains("unsupported").contains("claims").contains("not supported yet"));
        assertThat(gateway.lastErrors()).noneSatisfy(d -> assertThat(d.toString()).contains("middlewares.login"));
    }

    @Test
    void browserLoginReachesTheBackendWithTheConsumer() {
        BrowserClient b = new BrowserClient();
        int before = app.requests.get();

        HttpResponse<String> done = login(b, "/page?x=1");

        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(BrowserClient.location(done)).isEqualTo(base + "/page?x=1");
        assertThat(app.requests.get()).as("nothing reached the backend before login").isEqualTo(before);
        HttpResponse<String> page = b.page(BrowserClient.location(done));
        assertThat(page.statusCode()).isEqualTo(200);
        JsonNode echo = Http.json(page.body());
        assertThat(Http.seen(echo, "X-User")).isEqualTo("alice");
        assertThat(Http.seen(echo, "X-Groups")).isEqualTo("admins,dev");
        assertThat(Http.seen(echo, "Cookie")).isNull();
    }

    @Test
    void requestsThatAreNotPageLoadsGet401() {
        BrowserClient b = new BrowserClient();
        int before = app.requests.get();

        assertThat(b.send("GET", base + "/api", "Accept", "application/json").statusCode()).isEqualTo(401);
        assertThat(b.send("POST", base + "/api", "Accept", "text/html").statusCode()).isEqualTo(401);
        assertThat(app.requests.get()).isEqualTo(before);
    }

    @Test
    void expiredLoginIsRefreshed() {
        idp.accessLifetime = 1;
        BrowserClient b = new BrowserClient();
        login(b, "/r");
        int refreshes = idp.refreshCalls.get();

        Eventually.await(Duration.ofSeconds(6), "a page served with a refreshed session cookie", () -> {
            HttpResponse<String> r = b.page(base + "/r");
            return r.statusCode() == 200 && r.headers().allValues("Set-Cookie").stream()
                    .anyMatch(c -> c.startsWith("sid="));
        });

        assertThat(idp.refreshCalls.get()).isEqualTo(refreshes + 1);
        HttpResponse<String> after = b.page(base + "/r");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(Http.seen(Http.json(after.body()), "X-User")).isEqualTo("alice");
    }

    @Test
    void logoutEndsTheSessionHereAndAtTheProvider() {
        BrowserClient b = new BrowserClient();
        login(b, "/");
        int ended = idp.endSessionCalls.get();

        HttpResponse<String> out = b.page(base + "/logout");
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(BrowserClient.location(out)).startsWith(idp.issuer() + "/end_session?");
        assertThat(b.cookies(URI.create(base))).doesNotContainKey("sid");
        HttpResponse<String> provider = b.page(BrowserClient.location(out));
        assertThat(provider.statusCode()).isEqualTo(302);
        assertThat(BrowserClient.location(provider)).isEqualTo(base + "/bye");
        assertThat(idp.endSessionCalls.get()).isEqualTo(ended + 1);
        assertThat(idp.lastEndSession).containsKey("id_token_hint");

        HttpResponse<String> again = b.page(base + "/bye");
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(BrowserClient.location(again)).startsWith(idp.issuer() + "/authorize?");
    }

    @Test
    void tamperedSessionCookieIsRejected() {
        BrowserClient b = new BrowserClient();
        login(b, "/");
        var cookies = b.cookies(URI.create(base));
        String sid = cookies.get("sid");
        int i = sid.length() - 30;
        cookies.put("sid", sid.substring(0, i) + (sid.charAt(i) == 'A' ? 'B' : 'A') + sid.substring(i + 1));
        int before = app.requests.get();

        HttpResponse<String> r = b.page(base + "/");

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(BrowserClient.location(r)).startsWith(idp.issuer() + "/authorize?");
        assertThat(cookies).doesNotContainKey("sid");
        assertThat(app.requests.get()).isEqualTo(before);
    }

    @Test
    void callbackWithAMismatchedStateIsRejected() {
        BrowserClient b = new BrowserClient();
        HttpResponse<String> approved = b.page(BrowserClient.location(b.page(base + "/")));
        String forged = BrowserClient.location(approved).replaceFirst("state=[^&]+", "state=forged");

        HttpResponse<String> r = b.page(forged);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(b.cookies(URI.create(base))).doesNotContainKey("sid");
    }
}

package dev.gatehouse.middleware.basicauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.StandardAttributes;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.testing.exchange.Exchange;
import dev.gatehouse.testing.exchange.TestBuildContext;
import io.netty.channel.DefaultEventLoop;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After Traefik's basic_auth_test.go; the apr1 hashes and passwords are the ones used there. */
class BasicAuthMiddlewareTest {
    private static final String TEST = "test:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/";
    private static final String TEST2 = "test2:$apr1$d9hr9HBB$4HxwgUir3HP4EsggP/QNo0";
    private static final String TEST3 = "test3:$apr1$3rJbDP0q$RfzJiorTk78jQ1EcKqWso0";
    private static final String TEST2_OVERRIDDEN = "test2:$apr1$mK.GtItK$ncnLYvNLek0weXdxo68690";

    private static Middleware build(BasicAuthSpec spec) {
        return new BasicAuthFactory().create(spec, TestBuildContext.simple());
    }

    private static BasicAuthSpec users(String... users) {
        return new BasicAuthSpec(List.of(users), null, null, null, null);
    }

    private static Exchange withCredentials(String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return Exchange.of("GET", "/").header("Authorization", "Basic " + token);
    }

    @Test
    void apr1SuccessForwardsAndRecordsTheUser() {
        Exchange ex = withCredentials("test", "test");
        HttpResponse r = ex.run(build(users(TEST)));
        assertThat(r.status()).isEqualTo(200);
        assertThat(ex.context().get(StandardAttributes.CLIENT_USERNAME)).isEqualTo("test");
        assertThat(ex.context().get(StandardAttributes.CONSUMER).id()).isEqualTo("test");
        assertThat(ex.context().get(StandardAttributes.CONSUMER).method()).isEqualTo("basicAuth");
        assertThat(ex.seen().headers().get("Authorization")).as("kept by default").isNotNull();
    }

    @Test
    void failuresAnswer401WithTheRealm() {
        for (Exchange ex : List.of(withCredentials("test", "wrong"), withCredentials("nobody", "test"),
                Exchange.of("GET", "/"), Exchange.of("GET", "/").header("Authorization", "Basic !!!"),
                Exchange.of("GET", "/").header("Authorization", "Bearer dGVzdDp0ZXN0"))) {
            HttpResponse r = ex.run(build(users(TEST)));
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.headers().get("WWW-Authenticate")).isEqualTo("Basic realm=\"traefik\"");
            assertThat(ex.reachedService()).isFalse();
            assertThat(ex.context().get(StandardAttributes.CLIENT_USERNAME)).isNull();
            assertThat(ex.context().get(StandardAttributes.CONSUMER)).isNull();
        }
        HttpResponse custom = withCredentials("x", "y").run(build(
                new BasicAuthSpec(List.of(TEST), null, "my realm", null, null)));
        assertThat(custom.headers().get("WWW-Authenticate")).isEqualTo("Basic realm=\"my realm\"");
    }

    @Test
    void plainTextPasswordNeverMatches() {
        assertThat(withCredentials("test", "test").run(build(users("test:test"))).status()).isEqualTo(401);
    }

    @Test
    void schemeIsCaseInsensitiveAndShaIsSupported() {
        String sha = "{SHA}" + Base64.getEncoder().encodeToString(sha1("secret"));
        Exchange ex = Exchange.of("GET", "/").header("Authorization",
                "bAsIc " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8)));
        assertThat(ex.run(build(users("alice:" + sha))).status()).isEqualTo(200);
        assertThat(withCredentials("alice", "nope").run(build(users("alice:" + sha))).status()).isEqualTo(401);
    }

    @Test
    void headerFieldAndRemoveHeader() {
        Exchange ex = withCredentials("test", "test");
        ex.run(build(new BasicAuthSpec(List.of(TEST), null, null, true, "X-Webauth-User")));
        assertThat(ex.seen().headers().get("X-Webauth-User")).isEqualTo("test");
        assertThat(ex.seen().headers().contains("Authorization")).isFalse();
    }

    @Test
    void usersFileMergesAndInlineUsersWin(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("users"), "# comment\n" + TEST + "\n\n" + TEST2 + "\n");
        TestBuildContext ctx = new TestBuildContext(dir, Runnable::run);
        Middleware mw = new BasicAuthFactory().create(
                new BasicAuthSpec(List.of(TEST2_OVERRIDDEN, TEST3), "users", null, null, null), ctx);
        assertThat(withCredentials("test", "test").run(mw).status()).isEqualTo(200);
        assertThat(withCredentials("test3", "test3").run(mw).status()).isEqualTo(200);
        assertThat(withCredentials("test2", "overridden").run(mw).status()).isEqualTo(200);
        assertThat(withCredentials("test2", "test2").run(mw).status()).isEqualTo(401);
        assertThat(withCredentials("foo", "foo").run(mw).status()).isEqualTo(401);
    }

    @Test
    void invalidEntriesAndMissingFileAreRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> build(users("test"))).isInstanceOf(InvalidSpecException.class)
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("users[0]");
        assertThatThrownBy(() -> new BasicAuthFactory().create(
                new BasicAuthSpec(null, "missing", null, null, null), new TestBuildContext(dir, Runnable::run)))
                .isInstanceOf(InvalidSpecException.class)
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("usersFile");
    }

    @Test
    void bcryptRunsOffTheEventLoopOnceAndIsThenRemembered() throws Exception {
        String hash = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, "secret".toCharArray());
        List<Runnable> jobs = new ArrayList<>();
        Middleware mw = new BasicAuthFactory().create(users("bob:" + hash),
                new TestBuildContext(Path.of("."), jobs::add));
        DefaultEventLoop loop = new DefaultEventLoop();
        try {
            CompletableFuture<Integer> first = new CompletableFuture<>();
            CompletableFuture<Integer> second = new CompletableFuture<>();
            Exchange ex1 = onLoop(loop, "bob", "secret");
            Exchange ex2 = onLoop(loop, "bob", "secret");
            loop.submit(() -> {
                ex1.run(mw).onReady(r -> first.complete(r.status()));
                ex2.run(mw).onReady(r -> second.complete(r.status()));
            }).get(5, TimeUnit.SECONDS);
            assertThat(first).isNotDone();
            assertThat(jobs).as("one bcrypt run for two identical requests").hasSize(1);

            jobs.get(0).run();
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(200);
            assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(200);
            assertThat(ex1.context().get(StandardAttributes.CLIENT_USERNAME)).isEqualTo("bob");

            Exchange cached = onLoop(loop, "bob", "secret");
            boolean ready = loop.submit(() -> cached.run(mw).isReady()).get(5, TimeUnit.SECONDS);
            assertThat(ready).as("a remembered credential is checked inline").isTrue();
            assertThat(jobs).hasSize(1);

            CompletableFuture<Integer> wrong = new CompletableFuture<>();
            Exchange bad = onLoop(loop, "bob", "nope");
            loop.submit(() -> bad.run(mw).onReady(r -> wrong.complete(r.status()))).get(5, TimeUnit.SECONDS);
            assertThat(jobs).hasSize(2);
            jobs.get(1).run();
            assertThat(wrong.get(5, TimeUnit.SECONDS)).isEqualTo(401);
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static Exchange onLoop(DefaultEventLoop loop, String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return Exchange.of("GET", "/", "10.0.0.1", false, loop).header("Authorization", "Basic " + token);
    }

    private static byte[] sha1(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void isAnAuthenticatorSoAuthAnyOfCanListIt() {
        dev.gatehouse.core.auth.Authenticator a = (dev.gatehouse.core.auth.Authenticator) build(users(TEST));
        Exchange none = Exchange.of("GET", "/");
        assertThat(a.authenticate(none.context(), none.request()))
                .isInstanceOf(dev.gatehouse.core.auth.AuthResult.Absent.class);
        Exchange bearer = Exchange.of("GET", "/").header("Authorization", "Bearer abc");
        assertThat(a.authenticate(bearer.context(), bearer.request()))
                .as("another scheme is not a basicAuth credential").isInstanceOf(dev.gatehouse.core.auth.AuthResult.Absent.class);
        Exchange good = withCredentials("test", "test");
        assertThat(a.authenticate(good.context(), good.request()))
                .isInstanceOfSatisfying(dev.gatehouse.core.auth.AuthResult.Success.class,
                        s -> assertThat(s.consumer().id()).isEqualTo("test"));
        Exchange bad = withCredentials("test", "nope");
        assertThat(a.authenticate(bad.context(), bad.request()))
                .isInstanceOfSatisfying(dev.gatehouse.core.auth.AuthResult.Failure.class,
                        f -> assertThat(f.reason()).doesNotContain("nope"));
        assertThat(a.challenge(none.context(), none.request()).headers().get("WWW-Authenticate"))
                .isEqualTo("Basic realm=\"traefik\"");
    }
}

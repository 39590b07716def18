package dev.gatehouse.identity.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatehouse.config.SpecBinder;
import dev.gatehouse.core.Consumer;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.StandardAttributes;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.testing.exchange.Exchange;
import dev.gatehouse.testing.exchange.TestBuildContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyMiddlewareTest {
    private static final String KEY = "k-7f3a9c1e5b2d4068a1c3e5f7";
    private static final String OTHER = "k-0000000000000000000000";
    private static final String DIGEST = ApiKeyStore.hex(KEY);

    private static Middleware build(String yaml, Path dir) {
        try {
            ApiKeySpec spec = SpecBinder.bind(new YAMLMapper().readTree(yaml), ApiKeySpec.class, "apiKey", null);
            return new ApiKeyFactory().create(spec, new TestBuildContext(dir, Runnable::run));
        } catch (InvalidSpecException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Middleware build(String yaml) {
        return build(yaml, Path.of("."));
    }

    private static String keys() {
        return """
                keys:
                  - sha256: %s
                    consumer: billing
                    groups: [finance]
                    plan: gold
                    metadata: {team: payments}
                """.formatted(DIGEST);
    }

    @Test
    void digestMatchesTheShellRecipe() {
        // printf %s "k-7f3a9c1e5b2d4068a1c3e5f7" | sha256sum
        assertThat(DIGEST).hasSize(64).isEqualTo(ApiKeyStore.hex(KEY)).isNotEqualTo(ApiKeyStore.hex(OTHER));
    }

    @Test
    void headerKeySetsTheConsumerAndIsRemoved() {
        Middleware m = build("keySource: {header: X-Api-Key}\n" + keys());
        Exchange ex = Exchange.of("GET", "/").header("X-Api-Key", KEY);
        HttpResponse r = ex.run(m);
        assertThat(r.status()).isEqualTo(200);
        Consumer c = ex.context().get(StandardAttributes.CONSUMER);
        assertThat(c.id()).isEqualTo("billing");
        assertThat(c.groups()).containsExactly("finance");
        assertThat(c.plan()).isEqualTo("gold");
        assertThat(c.claims()).containsEntry("team", "payments");
        assertThat(c.method()).isEqualTo("apiKey");
        assertThat(ex.seen().headers().contains("X-Api-Key")).isFalse();
    }

    @Test
    void forwardKeyKeepsIt() {
        Middleware m = build("keySource: {header: X-Api-Key}\nforwardKey: true\n" + keys());
        Exchange ex = Exchange.of("GET", "/").header("X-Api-Key", KEY);
        assertThat(ex.run(m).status()).isEqualTo(200);
        assertThat(ex.seen().headers().get("X-Api-Key")).isEqualTo(KEY);
    }

    @Test
    void authorizationSchemeIsRequiredWhenConfigured() {
        Middleware m = build("keySource: {header: Authorization, headerAuthScheme: Bearer}\n" + keys());
        Exchange ok = Exchange.of("GET", "/").header("Authorization", "bearer " + KEY);
        assertThat(ok.run(m).status()).isEqualTo(200);
        assertThat(ok.seen().headers().contains("Authorization")).isFalse();
        Exchange noScheme = Exchange.of("GET", "/").header("Authorization", KEY);
        HttpResponse r = noScheme.run(m);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers().get("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(noScheme.reachedService()).isFalse();
    }

    @Test
    void queryKeyIsRemovedKeepingOtherParameters() {
        Middleware m = build("keySource: {query: api_key}\n" + keys());
        Exchange ex = Exchange.of("GET", "/items?page=2&api_key=" + KEY + "&sort=asc");
        assertThat(ex.run(m).status()).isEqualTo(200);
        assertThat(ex.seen().rawQuery()).isEqualTo("page=2&sort=asc");
        assertThat(ex.context().get(dev.gatehouse.core.StandardAttributes.SECRET_QUERY_PARAMETERS))
                .as("the access log redacts it").containsExactly("api_key");
    }

    @Test
    void aKeyBehindASemicolonIsNeitherReadNorForwarded() {
        Middleware m = build("keySource: {query: api_key}\n" + keys());
        Exchange ex = Exchange.of("GET", "/items?page=2;api_key=" + KEY);
        assertThat(ex.run(m).status()).isEqualTo(401);
        assertThat(ex.reachedService()).isFalse();
    }

    @Test
    void cookieKeyIsRemovedKeepingOtherCookies() {
        Middleware m = build("keySource: {cookie: apikey}\n" + keys());
        Exchange ex = Exchange.of("GET", "/").header("Cookie", "theme=dark; apikey=" + KEY + "; lang=en");
        assertThat(ex.run(m).status()).isEqualTo(200);
        assertThat(ex.seen().headers().get("Cookie")).isEqualTo("theme=dark; lang=en");
    }

    @Test
    void headerThenQueryThenCookie() {
        Middleware m = build("keySource: {header: X-Api-Key, query: api_key, cookie: apikey}\n" + keys());
        Exchange ex = Exchange.of("GET", "/?api_key=" + KEY).header("Cookie", "apikey=" + OTHER);
        assertThat(ex.run(m).status()).isEqualTo(200);
        Exchange wrongHeader = Exchange.of("GET", "/?api_key=" + KEY).header("X-Api-Key", OTHER);
        assertThat(wrongHeader.run(m).status()).isEqualTo(401);
    }

    @Test
    void unknownOrMissingKeyIs401AndTheKeyIsNotInTheReason() {
        Middleware m = build("keySource: {header: X-Api-Key}\n" + keys());
        Exchange wrong = Exchange.of("GET", "/").header("X-Api-Key", OTHER);
        HttpResponse r = wrong.run(m);
        assertThat(r.status()).isEqualTo(401);
        assertThat(wrong.reachedService()).isFalse();
        assertThat(wrong.context().errorDetail()).doesNotContain(OTHER);
        Exchange none = Exchange.of("GET", "/");
        assertThat(none.run(m).status()).isEqualTo(401);
        assertThat(none.reachedService()).isFalse();
    }

    @Test
    void base64KeysWhenSecretNonBase64EncodedIsFalse() {
        Middleware m = build("keySource: {header: X-Api-Key}\nsecretNonBase64Encoded: false\n" + keys());
        String encoded = Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8));
        assertThat(Exchange.of("GET", "/").header("X-Api-Key", encoded).run(m).status()).isEqualTo(200);
        assertThat(Exchange.of("GET", "/").header("X-Api-Key", KEY).run(m).status()).isEqualTo(401);
    }

    @Test
    void keysFileInYamlOrJson(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("keys.yaml"), "- sha256: " + DIGEST + "\n  consumer: from-yaml\n");
        Middleware yaml = build("keySource: {header: X-Api-Key}\nkeysFile: keys.yaml\n", dir);
        Exchange ex = Exchange.of("GET", "/").header("X-Api-Key", KEY);
        assertThat(ex.run(yaml).status()).isEqualTo(200);
        assertThat(ex.context().get(StandardAttributes.CONSUMER).id()).isEqualTo("from-yaml");

        Files.writeString(dir.resolve("keys.json"), "{\"keys\":[{\"sha256\":\"" + DIGEST.toUpperCase()
                + "\",\"consumer\":\"from-json\"}]}");
        Middleware json = build("keySource: {header: X-Api-Key}\nkeysFile: keys.json\n", dir);
        Exchange ex2 = Exchange.of("GET", "/").header("X-Api-Key", KEY);
        assertThat(ex2.run(json).status()).isEqualTo(200);
        assertThat(ex2.context().get(StandardAttributes.CONSUMER).id()).isEqualTo("from-json");
    }

    @Test
    void plainKeysInConfigAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> build("keySource: {header: X-Api-Key}\nkeys:\n  - key: " + KEY
                + "\n    consumer: a\n")).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("sha256sum").hasMessageNotContaining(KEY);
        assertThatThrownBy(() -> build("keySource: {header: X-Api-Key}\nkeys:\n  - sha256: " + KEY
                + "\n    consumer: a\n")).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("64 hex").hasMessageNotContaining(KEY);
    }

    @Test
    void specChecks() {
        assertThatThrownBy(() -> build(keys())).hasMessageContaining("keySource");
        assertThatThrownBy(() -> build("keySource: {header: X}\n")).hasMessageContaining("at least one key");
        assertThatThrownBy(() -> build("keySource: {header: X}\nsecretValues: [abc]\n"))
                .hasMessageContaining("not supported yet");
        assertThatThrownBy(() -> build("keySource: {header: X}\nkeys:\n  - sha256: " + DIGEST + "\n"))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.keyPath())
                        .isEqualTo("keys[0].consumer"));
        assertThatThrownBy(() -> build("keySource: {header: X}\nkeys:\n  - {sha256: " + DIGEST
                + ", consumer: a}\n  - {sha256: " + DIGEST + ", consumer: b}\n")).hasMessageContaining("twice");
    }
}

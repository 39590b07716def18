package dev.gatehouse.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SealerTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void sealedValuesOpenWithTheSameSecretAndPurposeOnly() {
        Sealer sealer = new Sealer(SECRET, "session");
        String sealed = sealer.seal(Map.of("sub", "alice", "groups", List.of("a", "b")));

        assertThat(sealed.split("\\.")).hasSize(5);
        assertThat(sealed).doesNotContain("alice");
        assertThat(sealer.open(sealed)).containsEntry("sub", "alice").containsEntry("groups", List.of("a", "b"));
        assertThat(new Sealer(SECRET, "state").open(sealed)).isNull();
        assertThat(new Sealer(SECRET.replace('0', '1'), "session").open(sealed)).isNull();
    }

    @Test
    void tamperedOrMalformedValuesDoNotOpen() {
        Sealer sealer = new Sealer(SECRET, "session");
        String sealed = sealer.seal(Map.of("sub", "alice"));
        int i = sealed.lastIndexOf('.') - 3;
        String flipped = sealed.substring(0, i) + (sealed.charAt(i) == 'A' ? 'B' : 'A') + sealed.substring(i + 1);

        assertThat(sealer.open(flipped)).isNull();
        assertThat(sealer.open("not.a.jwe.at.all")).isNull();
        assertThat(sealer.open("")).isNull();
        assertThat(sealer.open(null)).isNull();
    }

    @Test
    void shortSecretsAreRefused() {
        assertThatThrownBy(() -> new Sealer("too short", "session")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void largeValuesSplitIntoChunksThatJoinBack() {
        CookieSpec spec = new CookieSpec("s", "/", null, null, true, "lax", java.time.Duration.ofHours(1));
        SessionCookies cookies = new SessionCookies(spec);
        String value = "x".repeat(SessionCookies.CHUNK * 2 + 10);

        List<String> set = cookies.write(value, Map.of("s_5", "old"), false);

        assertThat(set).hasSize(4);
        assertThat(set).allSatisfy(c -> assertThat(c.length()).isLessThan(4096));
        assertThat(set.get(3)).startsWith("s_5=;").contains("Max-Age=0");
        Map<String, String> jar = new java.util.HashMap<>();
        for (String c : set.subList(0, 3)) {
            String nv = c.substring(0, c.indexOf(';'));
            jar.put(nv.substring(0, nv.indexOf('=')), nv.substring(nv.indexOf('=') + 1));
        }
        assertThat(jar).containsOnlyKeys("s", "s_1", "s_2");
        assertThat(cookies.read(jar)).isEqualTo(value);
        assertThat(set.get(0)).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
    }
}

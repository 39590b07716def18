package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathNormalizerTest {
    @ParameterizedTest
    @CsvSource({
        "/admin, /admin, /admin",
        "//admin, /admin, /admin",
        "/admin/../admin, /admin, /admin",
        "/%2e%2e/admin, /admin, /admin",
        "/%2E%2E/%2e/admin, /admin, /admin",
        "/admin/., /admin, /admin",
        "/admin/, /admin/, /admin/",
        "/admin//x/, /admin/x/, /admin/x/",
        "/a/b/.., /a, /a",
        "/../../etc, /etc, /etc",
        "/, /, /",
        "/%7euser/%41, /~user/A, /~user/A",
        "/caf%c3%a9, /caf%C3%A9, /café",
        "/a%20b, /a%20b, /a b",
        "/x;jsessionid=1/y, /x;jsessionid=1/y, /x;jsessionid=1/y",
        "/.well-known/acme, /.well-known/acme, /.well-known/acme",
        "/..., /..., /...",
    })
    void normalises(String raw, String sanitized, String decoded) {
        PathNormalizer.Normalized n = PathNormalizer.normalize(raw);
        assertThat(n.rawPath()).isEqualTo(sanitized);
        assertThat(n.decodedPath()).isEqualTo(decoded);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin%2Fsecret", "/a%2fb", "/a%5Cb", "/a%00", "/a%3Bb", "/a%25", "/a%3F", "/a%23",
        "/a\\b", "/a%zz", "/a%4", "/public/..;/admin", "/x/.;/admin", "relative", "", "/a%0a"})
    void rejects(String raw) {
        assertThatThrownBy(() -> PathNormalizer.normalize(raw)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void untouchedPathIsTheSameInstance() {
        String p = "/api/v1/items";
        assertThat(PathNormalizer.normalize(p).rawPath()).isSameAs(p);
    }
}

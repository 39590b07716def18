package dev.gatehouse.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Consumer;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.testing.exchange.Exchange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerClaimsTest {
    @Test
    void defaultsReadSubGroupsAndScopeThenScp() {
        Consumer c = ConsumerClaims.DEFAULT.toConsumer(Map.of("sub", "u1", "groups", List.of("a", "b"),
                "scp", List.of("read", "write")), "oidc");

        assertThat(c.id()).isEqualTo("u1");
        assertThat(c.groups()).containsExactly("a", "b");
        assertThat(c.scopes()).containsExactly("read", "write");
        assertThat(ConsumerClaims.DEFAULT.toConsumer(Map.of("scope", "x y", "scp", List.of("z"), "sub", "u"), "oidc")
                .scopes()).containsExactly("x", "y");
    }

    @Test
    void claimNamesAreConfigurable() {
        ConsumerClaims names = new ConsumerClaims("email", "roles", "permissions");

        Consumer c = names.toConsumer(Map.of("sub", "u1", "email", "a@example.com", "roles", "admin ops",
                "permissions", List.of("p1"), "scope", "ignored"), "oidc");

        assertThat(c.id()).isEqualTo("a@example.com");
        assertThat(c.groups()).containsExactly("admin", "ops");
        assertThat(c.scopes()).containsExactly("p1");
        assertThat(names.toConsumer(Map.of("sub", "u1"), "oidc")).isNull();
    }

    @Test
    void forwardedHeadersReplaceTheClientsAndRenderJsonTypes() {
        HttpRequest req = Exchange.of("GET", "/").header("X-Sub", "spoofed").header("X-Missing", "spoofed")
                .request();
        ClaimHeaders headers = new ClaimHeaders(Map.of("X-Sub", "sub", "X-Groups", "groups", "X-Addr", "address",
                "X-Missing", "nope", "X-Bad", "bad"));

        headers.apply(req, Map.of("sub", "u1", "groups", List.of("a", "b"), "address", Map.of("city", "Oslo"),
                "bad", "line\r\nX-Injected: 1"));

        assertThat(req.headers().getAll("X-Sub")).containsExactly("u1");
        assertThat(req.headers().get("X-Groups")).isEqualTo("a,b");
        assertThat(req.headers().get("X-Addr")).isEqualTo("{\"city\":\"Oslo\"}");
        assertThat(req.headers().contains("X-Missing")).isFalse();
        assertThat(req.headers().contains("X-Bad")).isFalse();
    }
}

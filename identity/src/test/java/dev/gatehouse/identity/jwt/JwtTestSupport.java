package dev.gatehouse.identity.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatehouse.config.SpecBinder;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.exchange.Exchange;
import dev.gatehouse.testing.exchange.TestBuildContext;
import io.netty.channel.DefaultEventLoop;
import java.time.Duration;

/** Builds jwt middlewares from YAML, as the config would, and runs exchanges on a real event loop. */
public final class JwtTestSupport {
    private static final YAMLMapper YAML = new YAMLMapper();

    private JwtTestSupport() {
    }

    public static JwtSpec spec(String yaml) {
        try {
            JsonNode node = YAML.readTree(yaml);
            return SpecBinder.bind(node, JwtSpec.class, "jwt", null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Middleware build(String yaml) {
        return build(yaml, TestBuildContext.simple());
    }

    public static Middleware build(String yaml, BuildContext ctx) {
        return new JwtFactory().create(spec(yaml), ctx);
    }

    /** Runs a request with a bearer token on the loop and waits for the head. */
    public static HttpResponse run(DefaultEventLoop loop, Middleware m, Exchange ex) {
        try {
            HttpResponse r = loop.submit(() -> ex.run(m)).get();
            Eventually.await(Duration.ofSeconds(10), "the response", () -> {
                try {
                    return loop.submit(r::isReady).get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            return r;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Exchange bearer(DefaultEventLoop loop, String token) {
        return Exchange.of("GET", "/api", "10.0.0.1", false, loop).header("Authorization", "Bearer " + token);
    }
}

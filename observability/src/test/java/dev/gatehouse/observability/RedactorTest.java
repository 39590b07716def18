package dev.gatehouse.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {
    @Test
    void headersHideCredentials() {
        Map<String, String> m = Redactor.headers(new DefaultHttpHeaders()
                .add("Authorization", "Basic YTpi").add("x-api-key", "k").add("Accept", "a").add("Accept", "b"));
        assertThat(m).containsEntry("Authorization", "REDACTED").containsEntry("x-api-key", "REDACTED")
                .containsEntry("Accept", "a,b");
        assertThat(Redactor.headers(Map.of("Cookie", "c=1", "Host", "h")))
                .containsEntry("Cookie", "REDACTED").containsEntry("Host", "h");
    }

    @Test
    void configTreesHideSecretsButNotTokenLimits() throws Exception {
        JsonNode tree = new ObjectMapper().readTree("""
                {"basicAuth": {"users": ["a:$apr1$x", "b:$apr1$y"], "realm": "r"},
                 "llm": {"apiKey": "sk-1", "maxTokens": 100, "nested": [{"client_secret": "z", "url": "u"}]}}""");
        String out = Redactor.redactTree(tree).toString();
        assertThat(out).doesNotContain("$apr1$").doesNotContain("sk-1").doesNotContain("\"z\"")
                .contains("\"users\":[\"REDACTED\",\"REDACTED\"]").contains("\"maxTokens\":100")
                .contains("\"realm\":\"r\"").contains("\"url\":\"u\"");
    }
}

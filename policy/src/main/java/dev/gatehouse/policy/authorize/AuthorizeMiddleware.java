package dev.gatehouse.policy.authorize;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.StandardAttributes;
import dev.gatehouse.core.spi.MetricsRegistry;
import dev.gatehouse.policy.PolicyExpression;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the rules in order; the first whose expression is true decides. The deciding rule's name (or
 * {@code default}) goes to {@link StandardAttributes#AUTH_DECISION} either way. A denial answers the configured
 * status with {@code {"error":"forbidden","reason":"<rule>"}} and never calls the service.
 *
 * <pre>
 *  rule 1 ─true─▶ allow: next  |  deny: 403 {reason: rule 1}
 *    │ false (an allow rule that cannot be evaluated counts as false)
 *    │ error of a deny rule ─▶ 403 {reason: rule}   (fail closed)
 *  rule 2 ... ─▶ none decided ─▶ default (deny unless configured)
 * </pre>
 */
final class AuthorizeMiddleware implements Middleware {
    /** The reason and decision name when no rule decided. */
    static final String DEFAULT_REASON = "default";

    private final List<AuthorizeRule> rules;
    private final boolean allowByDefault;
    private final int status;
    private final String name;
    private final MetricsRegistry.Counter decisions;
    private final Map<String, byte[]> bodies = new HashMap<>();

    AuthorizeMiddleware(List<AuthorizeRule> rules, boolean allowByDefault, int status, String name,
                        MetricsRegistry.Counter decisions) {
        this.rules = rules;
        this.allowByDefault = allowByDefault;
        this.status = status;
        this.name = name;
        this.decisions = decisions;
        // Denial bodies are rendered once here; the request path only wraps the bytes.
        for (AuthorizeRule r : rules) {
            bodies.put(r.name(), body(r.name()));
        }
        bodies.put(DEFAULT_REASON, body(DEFAULT_REASON));
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req, HttpHandler next) {
        PolicyExpression.Variables vars = PolicyExpression.variables(ctx, req);
        for (AuthorizeRule rule : rules) {
            PolicyExpression.Outcome outcome = rule.expression().evaluate(vars);
            if (outcome == PolicyExpression.Outcome.TRUE) {
                return decide(ctx, req, next, rule.name(), rule.allows());
            }
            if (outcome == PolicyExpression.Outcome.ERROR && !rule.allows()) {
                return decide(ctx, req, next, rule.name(), false);
            }
        }
        return decide(ctx, req, next, DEFAULT_REASON, allowByDefault);
    }

    private HttpResponse decide(RequestContext ctx, HttpRequest req, HttpHandler next, String rule, boolean allow) {
        ctx.set(StandardAttributes.AUTH_DECISION, rule);
        decisions.increment(name, allow ? "allow" : "deny", rule);
        if (allow) {
            return next.handle(ctx, req);
        }
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        return HttpResponse.of(status, headers, Body.of(bodies.get(rule)));
    }

    private static byte[] body(String reason) {
        return ("{\"error\":\"forbidden\",\"reason\":\"" + jsonEscape(reason) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String jsonEscape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

package dev.gatehouse.policy.authorize;

import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.core.spi.MetricsRegistry;
import dev.gatehouse.core.spi.MiddlewareFactory;
import dev.gatehouse.policy.PolicyExpression;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Builds {@code authorize} middlewares; every rule is compiled here, once per config. */
public final class AuthorizeFactory implements MiddlewareFactory<AuthorizeSpec> {
    /** The status of a denial unless {@code statusCode} says otherwise. */
    static final int DEFAULT_STATUS = 403;
    /** Counts decisions; the rule label is bounded by the configured rules. */
    static final String DECISIONS_METRIC = "gatehouse_authorize_decisions_total";

    @Override
    public String kind() {
        return "authorize";
    }

    @Override
    public Class<AuthorizeSpec> specType() {
        return AuthorizeSpec.class;
    }

    @Override
    public Middleware create(AuthorizeSpec spec, BuildContext ctx) {
        List<AuthorizeRule> rules = compile(spec.rules());
        boolean allowByDefault = defaultDecision(spec.Default());
        int status = spec.statusCode() == null ? DEFAULT_STATUS : spec.statusCode();
        if (status < 400 || status > 599) {
            throw new InvalidSpecException("statusCode", "expected a 4xx or 5xx status, got " + status);
        }
        MetricsRegistry.Counter decisions = ctx.metrics().counter(DECISIONS_METRIC,
                "Requests an authorize middleware decided, by decision and deciding rule",
                "middleware", "decision", "rule");
        return new AuthorizeMiddleware(rules, allowByDefault, status, ctx.name(), decisions);
    }

    private static List<AuthorizeRule> compile(List<AuthorizeRuleSpec> specs) {
        List<AuthorizeRule> rules = new ArrayList<>();
        if (specs == null) {
            return rules;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            String at = "rules[" + i + "]";
            AuthorizeRuleSpec r = specs.get(i);
            if (r == null) {
                throw new InvalidSpecException(at, "expected a rule {name, allow} or {name, deny}");
            }
            if (r.name() == null || r.name().isBlank()) {
                throw new InvalidSpecException(at + ".name", "every rule needs a name");
            }
            if (AuthorizeMiddleware.DEFAULT_REASON.equals(r.name())) {
                throw new InvalidSpecException(at + ".name", "'default' is reserved for the default decision");
            }
            if (!names.add(r.name())) {
                throw new InvalidSpecException(at + ".name", "the name '" + r.name() + "' is used by an earlier rule");
            }
            boolean hasAllow = r.allow() != null;
            if (hasAllow == (r.deny() != null)) {
                throw new InvalidSpecException(at, hasAllow ? "a rule has either allow or deny, not both"
                        : "a rule needs allow or deny");
            }
            String key = at + (hasAllow ? ".allow" : ".deny");
            PolicyExpression expression = PolicyExpression.compileBool(hasAllow ? r.allow() : r.deny(), key);
            rules.add(new AuthorizeRule(r.name(), hasAllow, expression));
        }
        return List.copyOf(rules);
    }

    private static boolean defaultDecision(String value) {
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "allow" -> true;
            case "deny" -> false;
            default -> throw new InvalidSpecException("default", "expected allow or deny, got '" + value + "'");
        };
    }
}

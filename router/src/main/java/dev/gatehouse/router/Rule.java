package dev.gatehouse.router;

import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.router.internal.MatchInput;
import dev.gatehouse.router.internal.Node;
import dev.gatehouse.router.internal.RuleParser;

/**
 * A compiled routing rule in Traefik v3 syntax, such as {@code Host(`example.com`) && PathPrefix(`/api`)}.
 * Immutable and safe to share between threads; compile once per configuration, match many times.
 *
 * <pre>
 *  "Host(`a`) && !Path(`/x`)" ──parse──▶ And[Host a, not Path /x] ──matches(ctx, req)──▶ true / false
 * </pre>
 *
 * <p>Negations are pushed down to the matchers when the rule is parsed (as Traefik does), so the tree holds only
 * conjunctions, disjunctions and possibly negated matchers. See {@code docs/rules.md} for the language.
 */
public final class Rule {
    private final String text;
    private final Node root;

    private Rule(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /**
     * Parses and compiles a rule.
     *
     * @param text the rule text
     * @return the compiled rule
     * @throws RuleSyntaxException when the rule is invalid; nothing else is thrown
     */
    public static Rule parse(String text) {
        return new Rule(text, RuleParser.parse(text));
    }

    /** @return the rule text as written */
    public String text() {
        return text;
    }

    /**
     * Evaluates the rule against a request.
     *
     * @param ctx the exchange (client address, normalised path, attribute cache)
     * @param req the request
     * @return true when the request satisfies the rule
     */
    public boolean matches(RequestContext ctx, HttpRequest req) {
        return root.eval(new MatchInput(ctx, req));
    }

    /** The compiled tree, for the index. */
    Node root() {
        return root;
    }

    @Override
    public String toString() {
        return text;
    }
}

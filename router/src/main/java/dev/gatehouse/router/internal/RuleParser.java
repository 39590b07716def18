package dev.gatehouse.router.internal;

import dev.gatehouse.router.RuleSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for the rule language.
 *
 * <pre>
 * rule    = or EOF
 * or      = and { "||" and }
 * and     = unary { "&amp;&amp;" unary }
 * unary   = "!" unary | "(" or ")" | matcher
 * matcher = NAME "(" [ STRING { "," STRING } [ "," ] ] ")"
 * </pre>
 *
 * {@code &&} binds tighter than {@code ||}, as in Go (whose expression parser Traefik uses; the trailing comma
 * is Go's too). Nesting of parentheses and {@code !} is capped so that hostile input cannot overflow the stack.
 */
public final class RuleParser {
    /** Deeper nesting is rejected; no real rule comes close. */
    static final int MAX_DEPTH = 200;

    private final RuleLexer lex;

    private RuleParser(String rule) {
        this.lex = new RuleLexer(rule);
    }

    /**
     * Parses and compiles a rule.
     *
     * @param rule the rule text
     * @return the compiled tree, negations pushed to the leaves
     * @throws RuleSyntaxException when the rule is invalid; nothing else is thrown
     */
    public static Node parse(String rule) {
        if (rule == null || rule.isBlank()) {
            throw new RuleSyntaxException("empty rule", 1, "a matcher such as Host(`example.com`)");
        }
        try {
            RuleParser p = new RuleParser(rule);
            Node n = p.or(0);
            if (p.lex.kind() != RuleLexer.Kind.EOF) {
                throw p.unexpected("\"&&\", \"||\" or end of rule");
            }
            return n;
        } catch (RuleSyntaxException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // A defect here must still reach the user as a rule error, never as a crash of the config load.
            throw new RuleSyntaxException("cannot parse rule (" + e + ")", 1, null);
        }
    }

    private Node or(int depth) {
        List<Node> parts = new ArrayList<>(2);
        parts.add(and(depth));
        while (lex.kind() == RuleLexer.Kind.OR) {
            lex.next();
            parts.add(and(depth));
        }
        return Node.or(parts);
    }

    private Node and(int depth) {
        List<Node> parts = new ArrayList<>(2);
        parts.add(unary(depth));
        while (lex.kind() == RuleLexer.Kind.AND) {
            lex.next();
            parts.add(unary(depth));
        }
        return Node.and(parts);
    }

    private Node unary(int depth) {
        if (depth > MAX_DEPTH) {
            throw new RuleSyntaxException("rule nests deeper than " + MAX_DEPTH + " levels", lex.column(), null);
        }
        switch (lex.kind()) {
            case NOT -> {
                lex.next();
                return unary(depth + 1).negate();
            }
            case LPAREN -> {
                lex.next();
                Node inner = or(depth + 1);
                if (lex.kind() != RuleLexer.Kind.RPAREN) {
                    throw unexpected("\")\"");
                }
                lex.next();
                return inner;
            }
            case IDENT -> {
                return matcher();
            }
            default -> throw unexpected("a matcher, \"!\" or \"(\"");
        }
    }

    private Node matcher() {
        String name = lex.text();
        int nameCol = lex.column();
        MatcherKind kind = MatcherKind.of(name);
        if (kind == null) {
            throw new RuleSyntaxException("unknown matcher \"" + name + "\"", nameCol, MatcherKind.allNames());
        }
        lex.next();
        if (lex.kind() != RuleLexer.Kind.LPAREN) {
            throw unexpected("\"(\" after " + kind.canonical());
        }
        lex.next();
        List<String> args = new ArrayList<>(2);
        List<Integer> cols = new ArrayList<>(2);
        while (lex.kind() != RuleLexer.Kind.RPAREN) {
            if (lex.kind() != RuleLexer.Kind.STRING) {
                throw unexpected("a string in backticks or double quotes");
            }
            args.add(lex.text());
            cols.add(lex.column());
            lex.next();
            if (lex.kind() == RuleLexer.Kind.COMMA) {
                lex.next();
            } else if (lex.kind() != RuleLexer.Kind.RPAREN) {
                throw unexpected("\",\" or \")\"");
            }
        }
        lex.next();
        return new Node.Leaf(MatcherFactory.create(kind, nameCol, args, cols), false);
    }

    private RuleSyntaxException unexpected(String expected) {
        return new RuleSyntaxException("unexpected " + lex.describe(), lex.column(), expected);
    }
}

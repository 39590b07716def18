package dev.gatehouse.router.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled rule tree. Conjunctions and disjunctions are n-ary (a chain of {@code &&} is one node, not a deep
 * binary tree), so evaluating a rule recurses only as deep as its parentheses nest. Negation exists only on
 * leaves: the parser pushes {@code !} down with De Morgan's laws, as Traefik does.
 */
public sealed interface Node {
    /**
     * Evaluates the node.
     *
     * @param in the request view
     * @return true when the request satisfies the node
     */
    boolean eval(MatchInput in);

    /** @return the node that is true exactly when this one is false */
    Node negate();

    /**
     * Joins nodes with {@code &&}, flattening nested conjunctions.
     *
     * @param parts the operands, at least one
     * @return the conjunction, or the single operand
     */
    static Node and(List<Node> parts) {
        List<Node> flat = new ArrayList<>(parts.size());
        for (Node n : parts) {
            if (n instanceof And a) {
                flat.addAll(a.children());
            } else {
                flat.add(n);
            }
        }
        return flat.size() == 1 ? flat.getFirst() : new And(List.copyOf(flat));
    }

    /**
     * Joins nodes with {@code ||}, flattening nested disjunctions.
     *
     * @param parts the operands, at least one
     * @return the disjunction, or the single operand
     */
    static Node or(List<Node> parts) {
        List<Node> flat = new ArrayList<>(parts.size());
        for (Node n : parts) {
            if (n instanceof Or o) {
                flat.addAll(o.children());
            } else {
                flat.add(n);
            }
        }
        return flat.size() == 1 ? flat.getFirst() : new Or(List.copyOf(flat));
    }

    /**
     * All children must hold.
     *
     * @param children the operands, two or more
     */
    record And(List<Node> children) implements Node {
        @Override
        public boolean eval(MatchInput in) {
            for (Node c : children) {
                if (!c.eval(in)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Node negate() {
            return or(children.stream().map(Node::negate).toList());
        }
    }

    /**
     * One child must hold.
     *
     * @param children the operands, two or more
     */
    record Or(List<Node> children) implements Node {
        @Override
        public boolean eval(MatchInput in) {
            for (Node c : children) {
                if (c.eval(in)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Node negate() {
            return and(children.stream().map(Node::negate).toList());
        }
    }

    /**
     * A matcher, possibly negated.
     *
     * @param matcher the matcher
     * @param negated true for {@code !Matcher(...)}
     */
    record Leaf(Matcher matcher, boolean negated) implements Node {
        @Override
        public boolean eval(MatchInput in) {
            return matcher.test(in) != negated;
        }

        @Override
        public Node negate() {
            return new Leaf(matcher, !negated);
        }
    }
}

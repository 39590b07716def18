package dev.gatehouse.router.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the index files one rule, and what is left to evaluate once the index has found it.
 *
 * <p>Only constraints at the top level of a rule's conjunction are used, and only when the index can decide
 * them exactly: a positive {@code Host} (or a disjunction of positive {@code Host}s) gives the host keys; a
 * positive {@code Path} (else the longest positive {@code PathPrefix}) gives the path key. Those conjuncts are
 * dropped from the residual, because being found under the key already proves them. Everything else (regexes,
 * negations, disjunctions that mix matchers) stays in the residual.
 *
 * @param hostKeys the exact host keys, or null for the wildcard bucket
 * @param pathKind how the path is keyed
 * @param path     the Path or PathPrefix value, or null
 * @param residual what must still be evaluated, or null when nothing is left
 */
public record IndexPlan(List<String> hostKeys, PathKind pathKind, String path, Node residual) {
    /** How a rule is keyed by path. */
    public enum PathKind {
        /** No usable path constraint. */
        ANY,
        /** {@code Path(...)}: exact map. */
        EXACT,
        /** {@code PathPrefix(...)}: prefix trie. */
        PREFIX
    }

    /**
     * Plans one rule.
     *
     * @param root the compiled rule tree
     * @return the plan
     */
    public static IndexPlan of(Node root) {
        List<Node> conjuncts = root instanceof Node.And a ? a.children() : List.of(root);
        int hostAt = -1;
        Set<String> hosts = null;
        for (int i = 0; i < conjuncts.size() && hosts == null; i++) {
            hosts = hostsOf(conjuncts.get(i));
            hostAt = i;
        }
        int pathAt = -1;
        PathKind kind = PathKind.ANY;
        String path = null;
        for (int i = 0; i < conjuncts.size(); i++) {
            if (conjuncts.get(i) instanceof Node.Leaf(Matcher m, boolean neg) && !neg) {
                if (m instanceof Matcher.Path(String p) && kind != PathKind.EXACT) {
                    pathAt = i;
                    kind = PathKind.EXACT;
                    path = p;
                } else if (m instanceof Matcher.PathPrefix(String p) && kind != PathKind.EXACT
                        && (path == null || p.length() > path.length())) {
                    pathAt = i;
                    kind = PathKind.PREFIX;
                    path = p;
                }
            }
        }
        List<Node> rest = new ArrayList<>(conjuncts.size());
        for (int i = 0; i < conjuncts.size(); i++) {
            if (!(hosts != null && i == hostAt) && i != pathAt) {
                rest.add(conjuncts.get(i));
            }
        }
        Node residual = rest.isEmpty() ? null : Node.and(rest);
        return new IndexPlan(hosts == null ? null : hostKeys(hosts), kind, path, residual);
    }

    /** The hosts a node requires, when it is a positive Host or a disjunction of them; else null. */
    private static Set<String> hostsOf(Node n) {
        if (n instanceof Node.Leaf(Matcher m, boolean neg) && !neg && m instanceof Matcher.Host(String h)) {
            return new LinkedHashSet<>(List.of(h));
        }
        if (n instanceof Node.Or(List<Node> children)) {
            Set<String> all = new LinkedHashSet<>();
            for (Node c : children) {
                Set<String> hs = hostsOf(c);
                if (hs == null) {
                    return null;
                }
                all.addAll(hs);
            }
            return all;
        }
        return null;
    }

    /**
     * The bucket keys of a set of rule hosts. Traefik's Host ignores one trailing dot on either side; filing a
     * host both as written and without its trailing dot, and looking a request host up both as sent and without
     * its trailing dot, finds exactly the rules whose Host matches (see {@link Matcher.Host#hostMatches}).
     */
    private static List<String> hostKeys(Set<String> hosts) {
        Set<String> keys = new LinkedHashSet<>();
        for (String h : hosts) {
            keys.add(h);
            if (!h.isEmpty() && h.charAt(h.length() - 1) == '.') {
                keys.add(h.substring(0, h.length() - 1));
            }
        }
        return List.copyOf(keys);
    }
}

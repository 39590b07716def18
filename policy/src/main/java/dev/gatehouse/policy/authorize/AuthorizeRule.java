package dev.gatehouse.policy.authorize;

import dev.gatehouse.policy.PolicyExpression;

/**
 * A compiled rule.
 *
 * @param name       the rule's name
 * @param allows     true for an {@code allow} rule, false for a {@code deny} rule
 * @param expression the compiled condition
 */
record AuthorizeRule(String name, boolean allows, PolicyExpression expression) {
}

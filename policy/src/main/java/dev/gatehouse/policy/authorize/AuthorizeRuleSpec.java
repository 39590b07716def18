package dev.gatehouse.policy.authorize;

/**
 * One {@code authorize} rule: a name and exactly one of {@code allow} or {@code deny}.
 *
 * @param name  the rule's name, unique within the middleware; reported as the denial's reason and in the
 *              access log
 * @param allow a bool CEL expression; when true the request is allowed
 * @param deny  a bool CEL expression; when true the request is denied
 */
public record AuthorizeRuleSpec(String name, String allow, String deny) {
}

package dev.gatehouse.policy.authorize;

import java.util.List;

/**
 * {@code authorize}: ordered CEL rules over the request and the Consumer; the first rule whose expression is
 * true decides.
 *
 * <p>The component for the {@code default} key is spelled {@code Default} because {@code default} is a Java
 * keyword; config keys match components ignoring case, so the config writes {@code default}.
 *
 * @param rules      the rules, in order
 * @param Default    the decision when no rule matched: {@code allow} or {@code deny}; default {@code deny}
 * @param statusCode the status of a denial; default 403
 */
public record AuthorizeSpec(List<AuthorizeRuleSpec> rules, String Default, Integer statusCode) {
}

package dev.gatehouse.middleware.stripprefixregex;

import java.util.List;

/**
 * {@code stripPrefixRegex}: removes the leading part of the path that a regex matches.
 *
 * @param regex the expressions (RE2 syntax), tried in order against the decoded path
 */
public record StripPrefixRegexSpec(List<String> regex) {
}

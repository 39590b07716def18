package dev.gatehouse.middleware.replacepathregex;

/**
 * {@code replacePathRegex}: rewrites the path with a regex.
 *
 * @param regex       the expression (RE2 syntax), matched against the raw (encoded) path; required
 * @param replacement the new path, with {@code $1}, {@code ${1}} or {@code ${name}} group references
 */
public record ReplacePathRegexSpec(String regex, String replacement) {
}

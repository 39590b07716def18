package dev.gatehouse.middleware.redirectregex;

/**
 * {@code redirectRegex}: redirects when a regex rewrites the request URL.
 *
 * @param regex       matched against {@code scheme://host[:port]/path?query}; required
 * @param replacement the target URL, with {@code $1}, {@code ${1}} or {@code ${name}} group references
 * @param permanent   301/308 instead of 302/307; default false
 */
public record RedirectRegexSpec(String regex, String replacement, Boolean permanent) {
}

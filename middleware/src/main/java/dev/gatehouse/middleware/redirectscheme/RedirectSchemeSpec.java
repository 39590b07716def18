package dev.gatehouse.middleware.redirectscheme;

/**
 * {@code redirectScheme}: redirects to another scheme and/or port.
 *
 * @param scheme    the target scheme, such as {@code https}; required
 * @param port      the target port, as a string; default none (the default port of the scheme)
 * @param permanent 301/308 instead of 302/307; default false
 */
public record RedirectSchemeSpec(String scheme, String port, Boolean permanent) {
}

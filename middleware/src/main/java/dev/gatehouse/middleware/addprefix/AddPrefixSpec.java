package dev.gatehouse.middleware.addprefix;

/**
 * {@code addPrefix}: prepends a prefix to the request path.
 *
 * @param prefix the prefix, such as {@code /api}; required
 */
public record AddPrefixSpec(String prefix) {
}

package dev.gatehouse.middleware.stripprefix;

import java.util.List;

/**
 * {@code stripPrefix}: removes the first matching prefix from the request path.
 *
 * @param prefixes   the prefixes, tried in order; matched against the decoded path
 * @param forceSlash deprecated in Traefik v2 and kept for compatibility: when true the result always starts
 *                   with exactly one slash and is never empty
 */
public record StripPrefixSpec(List<String> prefixes, Boolean forceSlash) {
}

package dev.gatehouse.config.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checks of upstream server URLs. */
final class Urls {
    private Urls() {
    }

    /** @return whether the text is an absolute http, https or h2c URL with a host */
    static boolean isUpstreamUrl(String text) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.toLowerCase(Locale.ROOT).matches("https?|h2c"))) {
                return false;
            }
            // getHost() is null for names with underscores (common for container names); the authority is not.
            String authority = uri.getRawAuthority();
            return uri.getHost() != null || (authority != null && !authority.isEmpty() && !authority.startsWith(":"));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}

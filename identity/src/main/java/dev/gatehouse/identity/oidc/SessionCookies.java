package dev.gatehouse.identity.oidc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a sealed session over several cookies ({@code name}, {@code name_1}, {@code name_2}, ...) so that no
 * {@code Set-Cookie} passes browsers' 4 KiB limit, and joins them back. The JWE's authentication tag covers
 * the joined value, so a reordered or altered chunk fails to open.
 */
final class SessionCookies {
    /** Characters of value per cookie: 4096 minus room for the name and attributes. */
    static final int CHUNK = 3800;
    /** At most this many chunks are read or written (about 30 KiB of session). */
    static final int MAX_CHUNKS = 8;

    private final CookieSpec spec;

    SessionCookies(CookieSpec spec) {
        this.spec = spec;
    }

    /** @return the cookie spec */
    CookieSpec spec() {
        return spec;
    }

    /**
     * Joins the chunks a request carries.
     *
     * @param cookies the request's cookies
     * @return the sealed value, or null when there is none
     */
    String read(Map<String, String> cookies) {
        String first = cookies.get(spec.name());
        if (first == null || first.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder(first);
        for (int i = 1; i < MAX_CHUNKS; i++) {
            String part = cookies.get(chunkName(i));
            if (part == null) {
                break;
            }
            b.append(part);
        }
        return b.toString();
    }

    /**
     * The {@code Set-Cookie} values that store a session and delete chunks left over from a longer one.
     *
     * @param sealed  the sealed session
     * @param cookies the request's cookies
     * @param https   whether the request came over HTTPS
     * @return the header values
     */
    List<String> write(String sealed, Map<String, String> cookies, boolean https) {
        int count = (sealed.length() + CHUNK - 1) / CHUNK;
        if (count > MAX_CHUNKS) {
            throw new IllegalStateException("session too large: " + sealed.length() + " characters");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String part = sealed.substring(i * CHUNK, Math.min(sealed.length(), (i + 1) * CHUNK));
            out.add(spec.format(chunkName(i), part, https, false));
        }
        for (int i = count; i < MAX_CHUNKS; i++) {
            if (cookies.containsKey(chunkName(i))) {
                out.add(spec.format(chunkName(i), "", https, true));
            }
        }
        return out;
    }

    /**
     * The {@code Set-Cookie} values that delete every chunk the request carries (at least the first).
     *
     * @param cookies the request's cookies
     * @param https   whether the request came over HTTPS
     * @return the header values
     */
    List<String> clear(Map<String, String> cookies, boolean https) {
        List<String> out = new ArrayList<>();
        out.add(spec.format(spec.name(), "", https, true));
        for (int i = 1; i < MAX_CHUNKS; i++) {
            if (cookies.containsKey(chunkName(i))) {
                out.add(spec.format(chunkName(i), "", https, true));
            }
        }
        return out;
    }

    /** @return every cookie name a session may use, to strip before forwarding */
    Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < MAX_CHUNKS; i++) {
            names.add(chunkName(i));
        }
        return names;
    }

    String chunkName(int i) {
        return i == 0 ? spec.name() : spec.name() + "_" + i;
    }
}

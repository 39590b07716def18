package dev.gatehouse.identity.forwardauth;

import dev.gatehouse.core.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code addAuthCookiesToResponse}: on the way back, the backend's cookies of the listed names are replaced by
 * those the authentication server set, as Traefik does once the server set any cookie at all. Applied as the
 * success's response edit, so it also works when the forwardAuth middleware wins inside {@code authAnyOf}.
 */
final class AuthCookies {
    private AuthCookies() {
    }

    /**
     * Replaces the response's cookies of the listed names with the server's.
     *
     * @param names      the cookie names to take from the server
     * @param fromServer the server's {@code Set-Cookie} values
     * @param resp       the response on its way to the client
     */
    static void merge(Set<String> names, List<String> fromServer, HttpResponse resp) {
        List<String> kept = new ArrayList<>();
        for (String c : resp.headers().getAll("Set-Cookie")) {
            if (!names.contains(cookieName(c))) {
                kept.add(c);
            }
        }
        for (String c : fromServer) {
            if (names.contains(cookieName(c))) {
                kept.add(c);
            }
        }
        resp.headers().remove("Set-Cookie");
        resp.headers().add("Set-Cookie", kept);
    }

    private static String cookieName(String setCookie) {
        int eq = setCookie.indexOf('=');
        return (eq < 0 ? "" : setCookie.substring(0, eq)).trim();
    }
}

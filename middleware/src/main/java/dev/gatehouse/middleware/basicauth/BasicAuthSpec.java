package dev.gatehouse.middleware.basicauth;

import java.util.List;

/**
 * {@code basicAuth}: HTTP Basic authentication against htpasswd entries.
 *
 * @param users        {@code name:hash} entries (bcrypt, apr1/MD5-crypt or {@code {SHA}})
 * @param usersFile    a file of such entries, one a line ({@code #} comments allowed), relative to the config
 *                     directory; merged with {@code users}, which win for a name present in both
 * @param realm        the realm in {@code WWW-Authenticate}; default {@code traefik}
 * @param removeHeader removes {@code Authorization} before forwarding; default false
 * @param headerField  a request header that receives the authenticated user name; default none
 */
public record BasicAuthSpec(List<String> users, String usersFile, String realm, Boolean removeHeader,
                            String headerField) {
}

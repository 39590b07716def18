package dev.gatehouse.cache.internal;

import dev.gatehouse.core.HttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Primary keys (method, scheme, authority, path and query: RFC 9111 §2) and secondary keys (the request
 * fields a response varies on, §4.1, plus the configured key headers).
 */
public final class CacheKeys {
    private final List<String> keyHeaders;

    /** @param keyHeaders request fields every stored response varies on, as if named in Vary; lower case */
    public CacheKeys(List<String> keyHeaders) {
        this.keyHeaders = List.copyOf(keyHeaders);
    }

    /**
     * The primary key of a request. HEAD shares GET's key: a HEAD is answered from a stored GET response.
     *
     * @param req the request
     * @return the key
     */
    public static String primary(HttpRequest req) {
        return of(req.scheme(), req.authority(), req.uri());
    }

    /** The parts of a request target that keys are made of, taken before inner middlewares change them. */
    public record Target(String scheme, String authority, String uri) {
        /**
         * @param req the request as the cache received it
         * @return its target
         */
        public static Target of(HttpRequest req) {
            return new Target(req.scheme(), req.authority(), req.uri());
        }

        /** @return its primary key */
        public String key() {
            return CacheKeys.of(scheme, authority, uri);
        }
    }

    private static String of(String scheme, String authority, String target) {
        return "GET " + scheme.toLowerCase(Locale.ROOT) + "://" + authority.toLowerCase(Locale.ROOT) + target;
    }

    /**
     * The primary key of a {@code Location} or {@code Content-Location} value, when it names the request's
     * own host (§4.4: other hosts are never invalidated).
     *
     * @param req   the target of the request that carried the unsafe method
     * @param value the field value, absolute or relative
     * @return the key, or null when it names another host or does not parse
     */
    public static String sameHostKey(Target req, String value) {
        try {
            URI base = new URI(req.scheme() + "://" + req.authority() + req.uri());
            URI u = base.resolve(value.strip());
            if (u.getRawAuthority() == null || !u.getRawAuthority().equalsIgnoreCase(req.authority())) {
                return null;
            }
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            String target = u.getRawQuery() == null ? path : path + '?' + u.getRawQuery();
            return of(u.getScheme(), u.getRawAuthority(), target);
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * The secondary key a response will be stored with.
     *
     * @param requestHeaders  the fields of the request that fetched it, as the cache received them
     * @param responseHeaders the response's fields (its Vary)
     * @return normalised request values by lower-case field name; null values for absent fields
     */
    public Map<String, String> secondary(HttpHeaders requestHeaders, HttpHeaders responseHeaders) {
        Set<String> names = new LinkedHashSet<>(keyHeaders);
        names.addAll(varyNames(responseHeaders));
        if (names.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        for (String n : names) {
            out.put(n, normalised(requestHeaders, n));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Whether a stored response may answer a request (§4.1): every field its secondary key holds has the
     * same normalised value in the request.
     *
     * @param stored the stored response
     * @param req    the request
     * @return true on a match
     */
    public static boolean matches(StoredResponse stored, HttpRequest req) {
        for (Map.Entry<String, String> e : stored.secondaryKey().entrySet()) {
            String v = normalised(req.headers(), e.getKey());
            if (v == null ? e.getValue() != null : !v.equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param responseHeaders a response's fields
     * @return true when it has {@code Vary: *}, which no later request matches (§4.1)
     */
    public static boolean varyStar(HttpHeaders responseHeaders) {
        return varyNames(responseHeaders).contains("*");
    }

    private static Set<String> varyNames(HttpHeaders h) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : h.getAll(HttpHeaderNames.VARY)) {
            for (String n : line.split(",")) {
                String t = n.strip().toLowerCase(Locale.ROOT);
                if (!t.isEmpty()) {
                    names.add(t);
                }
            }
        }
        return names;
    }

    /** All field lines combined with commas, each list member trimmed (§4.1's normalisation). */
    private static String normalised(HttpHeaders h, String name) {
        List<String> lines = h.getAll(name);
        if (lines.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            for (String member : line.split(",")) {
                String m = member.strip();
                if (!m.isEmpty()) {
                    if (!sb.isEmpty()) {
                        sb.append(',');
                    }
                    sb.append(m);
                }
            }
        }
        return sb.toString();
    }
}

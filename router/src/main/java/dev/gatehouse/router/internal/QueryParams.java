package dev.gatehouse.router.internal;

import dev.gatehouse.core.AttributeKey;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.RequestContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoded query parameters, parsed the way Traefik's HTTP stack does: pairs split on {@code &}, key and value
 * split on the first {@code =}, {@code +} and {@code %XX} decoded. A pair containing {@code ;} or a broken
 * escape is dropped, the rest kept. {@code ?mobile} and {@code ?mobile=} both give {@code mobile} the value "".
 *
 * <p>Parsed at most once per request: the result is cached on the {@link RequestContext} together with the raw
 * query it came from, so a middleware that rewrites the query later gets a fresh parse.
 */
public final class QueryParams {
    /** The per-request cache. */
    public static final AttributeKey<QueryParams> KEY = AttributeKey.of("router.query", QueryParams.class);

    private static final QueryParams EMPTY = new QueryParams(null, Map.of());

    private final String raw;
    private final Map<String, List<String>> values;

    private QueryParams(String raw, Map<String, List<String>> values) {
        this.raw = raw;
        this.values = values;
    }

    /**
     * The parameters of a request, from the context's cache when it holds those of the current raw query.
     *
     * @param ctx the exchange, or null (no caching)
     * @param req the request
     * @return the parameters
     */
    public static QueryParams of(RequestContext ctx, HttpRequest req) {
        String raw = req.rawQuery();
        if (raw == null || raw.isEmpty()) {
            return EMPTY;
        }
        QueryParams cached = ctx == null ? null : ctx.get(KEY);
        if (cached != null && raw.equals(cached.raw)) {
            return cached;
        }
        QueryParams parsed = new QueryParams(raw, parse(raw));
        if (ctx != null) {
            ctx.set(KEY, parsed);
        }
        return parsed;
    }

    /**
     * The values of a parameter.
     *
     * @param key the decoded key
     * @return the decoded values in order, or null when the parameter is absent
     */
    public List<String> values(String key) {
        return values.get(key);
    }

    static Map<String, List<String>> parse(String raw) {
        Map<String, List<String>> out = new HashMap<>();
        int start = 0;
        while (start <= raw.length()) {
            int amp = raw.indexOf('&', start);
            int end = amp < 0 ? raw.length() : amp;
            String pair = raw.substring(start, end);
            start = end + 1;
            if (pair.isEmpty() || pair.indexOf(';') >= 0) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = unescape(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : unescape(pair.substring(eq + 1));
            if (key != null && value != null) {
                out.computeIfAbsent(key, k -> new ArrayList<>(1)).add(value);
            }
        }
        return out;
    }

    /** Query-component decoding; null when an escape is broken (the pair is then dropped). */
    static String unescape(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                if (i + 2 >= in.length) {
                    return null;
                }
                int hi = Character.digit(in[i + 1], 16);
                int lo = Character.digit(in[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}

package dev.gatehouse.observability.internal;

import dev.gatehouse.config.install.AccessLogSpec.FieldsSpec;
import dev.gatehouse.config.install.AccessLogSpec.HeadersSpec;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code accessLog.fields}: which fields and request headers a line carries. Field names match without regard
 * to case, as in Traefik; header names too.
 *
 * <p>{@code Authorization}, {@code Proxy-Authorization} and {@code Cookie} are redacted even when the header
 * default is {@code keep}; only an explicit entry under {@code fields.headers.names} logs their values.
 */
public final class FieldRules {
    /** Headers whose values are never logged unless named explicitly with {@code keep}. */
    public static final Set<String> ALWAYS_REDACTED = Set.of("authorization", "proxy-authorization", "cookie");

    private final boolean keepByDefault;
    private final Map<String, Boolean> fields = new HashMap<>();
    private final HeaderMode headerDefault;
    private final Map<String, HeaderMode> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    /**
     * Reads the rules.
     *
     * @param spec {@code accessLog.fields}, or null for the defaults
     * @throws IllegalArgumentException on a mode that is not {@code keep}, {@code drop} (or {@code redact} for
     *                                  headers)
     */
    public FieldRules(FieldsSpec spec) {
        keepByDefault = spec == null || spec.defaultMode() == null
                || fieldMode("accessLog.fields.defaultMode", spec.defaultMode());
        if (spec != null && spec.names() != null) {
            spec.names().forEach((k, v) ->
                    fields.put(k.toLowerCase(Locale.ROOT), fieldMode("accessLog.fields.names." + k, v)));
        }
        HeadersSpec h = spec == null ? null : spec.headers();
        headerDefault = h == null || h.defaultMode() == null ? HeaderMode.DROP
                : headerMode("accessLog.fields.headers.defaultMode", h.defaultMode());
        if (h != null && h.names() != null) {
            h.names().forEach((k, v) -> headers.put(k, headerMode("accessLog.fields.headers.names." + k, v)));
        }
    }

    private static boolean fieldMode(String where, String mode) {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "keep" -> true;
            case "drop" -> false;
            default -> throw new IllegalArgumentException(where + ": \"" + mode + "\" (expected keep or drop)");
        };
    }

    private static HeaderMode headerMode(String where, String mode) {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "keep" -> HeaderMode.KEEP;
            case "drop" -> HeaderMode.DROP;
            case "redact" -> HeaderMode.REDACT;
            default -> throw new IllegalArgumentException(
                    where + ": \"" + mode + "\" (expected keep, drop or redact)");
        };
    }

    /**
     * @param field a field name, such as {@code ClientHost}
     * @return true when lines carry it
     */
    public boolean keep(String field) {
        Boolean b = fields.get(field.toLowerCase(Locale.ROOT));
        return b == null ? keepByDefault : b;
    }

    /**
     * @param header a request header name, in any case
     * @return what to do with it
     */
    public HeaderMode header(String header) {
        HeaderMode explicit = headers.get(header);
        if (explicit != null) {
            return explicit;
        }
        if (headerDefault == HeaderMode.KEEP && ALWAYS_REDACTED.contains(header.toLowerCase(Locale.ROOT))) {
            return HeaderMode.REDACT;
        }
        return headerDefault;
    }

    /**
     * @param header a request header name, in any case
     * @return the mode the user set for it, or null
     */
    public HeaderMode explicitHeader(String header) {
        return headers.get(header);
    }

    /** @return the mode for headers the user did not name */
    public HeaderMode headerDefault() {
        return headerDefault;
    }

    /** @return true when some header may appear, so the headers are worth walking */
    public boolean anyHeader() {
        return headerDefault != HeaderMode.DROP || headers.containsValue(HeaderMode.KEEP)
                || headers.containsValue(HeaderMode.REDACT);
    }

    /**
     * Writes a header name in Go's canonical form ({@code user-agent} → {@code User-Agent}), which is how
     * Traefik names its {@code request_} fields.
     *
     * @param name the name as received
     * @return the canonical name
     */
    public static String canonical(String name) {
        char[] c = name.toCharArray();
        boolean upper = true;
        for (int i = 0; i < c.length; i++) {
            c[i] = upper ? Character.toUpperCase(c[i]) : Character.toLowerCase(c[i]);
            upper = c[i] == '-';
        }
        return new String(c);
    }
}

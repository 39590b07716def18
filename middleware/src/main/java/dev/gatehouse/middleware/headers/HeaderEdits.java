package dev.gatehouse.middleware.headers;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.Map;

/**
 * A precomputed list of header edits: set a value, or remove the header when the configured value is empty.
 *
 * @param names  header names, in config order
 * @param values values; an empty one means remove
 */
record HeaderEdits(String[] names, String[] values) {
    static HeaderEdits of(Map<String, String> headers) {
        String[] n = new String[headers.size()];
        String[] v = new String[headers.size()];
        int i = 0;
        for (Map.Entry<String, String> e : headers.entrySet()) {
            n[i] = e.getKey();
            v[i] = e.getValue() == null ? "" : e.getValue();
            i++;
        }
        return new HeaderEdits(n, v);
    }

    boolean isEmpty() {
        return names.length == 0;
    }

    /** Applies the edits to headers, ignoring {@code Host} when {@code skipHost} is set. */
    void applyTo(HttpHeaders headers, boolean skipHost) {
        for (int i = 0; i < names.length; i++) {
            if (skipHost && "host".equalsIgnoreCase(names[i]) && !values[i].isEmpty()) {
                continue;
            }
            if (values[i].isEmpty()) {
                headers.remove(names[i]);
            } else {
                headers.set(names[i], values[i]);
            }
        }
    }

    /** @return the non-empty configured {@code Host} value, or null */
    String host() {
        String host = null;
        for (int i = 0; i < names.length; i++) {
            if ("host".equalsIgnoreCase(names[i]) && !values[i].isEmpty()) {
                host = values[i];
            }
        }
        return host;
    }
}

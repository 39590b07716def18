package dev.gatehouse.policy.internal;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code request.headers}: lower-case name to the values joined with {@code ,}. A lookup reads the one header
 * it names (case-insensitively, as HTTP does); only iterating the map copies every header.
 */
final class HeadersView extends AbstractMap<String, Object> {
    private final HttpHeaders headers;
    private Map<String, Object> all;

    HeadersView(HttpHeaders headers) {
        this.headers = headers;
    }

    @Override
    public Object get(Object key) {
        if (!(key instanceof String name)) {
            return null;
        }
        List<String> values = headers.getAll(name);
        if (values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.getFirst() : String.join(",", values);
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String name && headers.contains(name);
    }

    @Override
    public int size() {
        return materialised().size();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return materialised().entrySet();
    }

    private Map<String, Object> materialised() {
        if (all == null) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String name : headers.names()) {
                m.putIfAbsent(name.toLowerCase(Locale.ROOT), get(name));
            }
            all = m;
        }
        return all;
    }
}

package dev.gatehouse.policy.internal;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code request.query}: each decoded parameter name to its first decoded value; parsed on first use. */
final class QueryView extends AbstractMap<String, Object> {
    private final String rawQuery;
    private Map<String, Object> params;

    QueryView(String rawQuery) {
        this.rawQuery = rawQuery;
    }

    @Override
    public Object get(Object key) {
        return params().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return params().containsKey(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return params().entrySet();
    }

    private Map<String, Object> params() {
        if (params == null) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (rawQuery != null && !rawQuery.isEmpty()) {
                Map<String, List<String>> decoded =
                        new QueryStringDecoder(rawQuery, StandardCharsets.UTF_8, false).parameters();
                decoded.forEach((name, values) -> m.put(name, values.isEmpty() ? "" : values.getFirst()));
            }
            params = m;
        }
        return params;
    }
}

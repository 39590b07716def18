package dev.gatehouse.policy.internal;

import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.RequestContext;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code request} variable: a map whose fields are read from the request when the expression selects
 * them, so an expression over {@code request.method} never touches the headers or the query.
 */
final class RequestView extends AbstractMap<String, Object> {
    static final String METHOD = "method";
    static final String PATH = "path";
    static final String HOST = "host";
    static final String SCHEME = "scheme";
    static final String HEADERS = "headers";
    static final String QUERY = "query";
    static final String IP = "ip";

    private static final Set<String> FIELDS = Set.of(METHOD, PATH, HOST, SCHEME, HEADERS, QUERY, IP);

    private final RequestContext ctx;
    private final HttpRequest req;
    private HeadersView headers;
    private QueryView query;

    RequestView(RequestContext ctx, HttpRequest req) {
        this.ctx = ctx;
        this.req = req;
    }

    @Override
    public Object get(Object key) {
        if (!(key instanceof String name)) {
            return null;
        }
        return switch (name) {
            case METHOD -> req.method().name();
            case PATH -> nonNull(req.path());
            case HOST -> nonNull(req.host());
            case SCHEME -> nonNull(req.scheme());
            case IP -> ctx.clientIp();
            case HEADERS -> headers();
            case QUERY -> query();
            default -> null;
        };
    }

    @Override
    public boolean containsKey(Object key) {
        return FIELDS.contains(key);
    }

    @Override
    public int size() {
        return FIELDS.size();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        // Only when an expression treats the whole request as a map (rare): materialise it then.
        Map<String, Object> all = new LinkedHashMap<>();
        for (String f : new String[] {METHOD, PATH, HOST, SCHEME, HEADERS, QUERY, IP}) {
            all.put(f, get(f));
        }
        return all.entrySet();
    }

    private HeadersView headers() {
        if (headers == null) {
            headers = new HeadersView(req.headers());
        }
        return headers;
    }

    private QueryView query() {
        if (query == null) {
            query = new QueryView(req.rawQuery());
        }
        return query;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}

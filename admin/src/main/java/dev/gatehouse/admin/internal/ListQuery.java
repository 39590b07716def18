package dev.gatehouse.admin.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Traefik's list parameters: {@code search}, {@code status}, {@code serviceName}, {@code middlewareName},
 * {@code sortBy}, {@code direction}, {@code page} and {@code per_page} (default 100).
 *
 * @param search         a case-insensitive substring of the name (or a router's rule), or empty
 * @param status         a status to keep, or empty
 * @param serviceName    routers of this service only, or empty
 * @param middlewareName routers using this middleware only, or empty
 * @param sortBy         the sort key, or empty for the name
 * @param descending     true for {@code direction=desc}
 * @param page           the 1-based page
 * @param perPage        items per page
 */
public record ListQuery(String search, String status, String serviceName, String middlewareName, String sortBy,
                        boolean descending, int page, int perPage) {
    /** The header that names the next page (1 on the last page, as in Traefik). */
    public static final String NEXT_PAGE = "X-Next-Page";

    /**
     * Reads the parameters.
     *
     * @param params the decoded query parameters
     * @return the query
     * @throws IllegalArgumentException with Traefik's message on a bad {@code page} or {@code per_page}
     */
    public static ListQuery of(Map<String, List<String>> params) {
        return new ListQuery(first(params, "search"), first(params, "status"), first(params, "serviceName"),
                first(params, "middlewareName"), first(params, "sortBy"),
                first(params, "direction").equalsIgnoreCase("desc"), positive(params, "page", 1),
                positive(params, "per_page", 100));
    }

    private static String first(Map<String, List<String>> params, String key) {
        List<String> v = params.get(key);
        return v == null || v.isEmpty() ? "" : v.getFirst();
    }

    private static int positive(Map<String, List<String>> params, String key, int dflt) {
        String raw = first(params, key);
        if (raw.isEmpty()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(raw);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("invalid request: " + key + ": " + raw);
    }

    /**
     * @param value a status
     * @return true when the status filter keeps it
     */
    public boolean keepsStatus(String value) {
        return status.isEmpty() || status.equalsIgnoreCase(value);
    }

    /**
     * @param values the texts searched (name, rule)
     * @return true when the search keeps them
     */
    public boolean matches(String... values) {
        if (search.isEmpty()) {
            return true;
        }
        String needle = search.toLowerCase(Locale.ROOT);
        for (String v : values) {
            if (v != null && v.toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Traefik's service filter: a qualified router service must match exactly; an unqualified one matches the
     * filter's name part.
     *
     * @param service the router's service as written
     * @return true when kept
     */
    public boolean keepsService(String service) {
        if (serviceName.isEmpty()) {
            return true;
        }
        if (service == null) {
            return false;
        }
        if (service.contains("@")) {
            return serviceName.equals(service);
        }
        int at = serviceName.indexOf('@');
        return (at < 0 ? serviceName : serviceName.substring(0, at)).equals(service);
    }

    /**
     * @param middlewares a router's middlewares
     * @return true when the middleware filter keeps it
     */
    public boolean keepsMiddleware(List<String> middlewares) {
        return middlewareName.isEmpty() || (middlewares != null && middlewares.contains(middlewareName));
    }

    /**
     * Sorts (by {@code sortBy}, then name) and cuts one page.
     *
     * @param items  the filtered items
     * @param name   an item's name
     * @param sorts  the other sort keys this list supports
     * @param <T>    the item type
     * @return the page
     * @throws IllegalArgumentException with Traefik's message when the page starts past the end
     */
    public <T> Page<T> page(List<T> items, Function<T, String> name, Map<String, Comparator<T>> sorts) {
        Comparator<T> byName = Comparator.comparing(name, Comparator.nullsFirst(Comparator.naturalOrder()));
        Comparator<T> order = sorts.containsKey(sortBy) ? sorts.get(sortBy).thenComparing(byName) : byName;
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(descending ? order.reversed() : order);
        long start = (long) (page - 1) * perPage;
        if (start != 0 && start >= sorted.size()) {
            throw new IllegalArgumentException("invalid request: page: " + page + ", per_page: " + perPage);
        }
        int end = (int) Math.min(sorted.size(), start + perPage);
        int next = (long) page * perPage < sorted.size() ? page + 1 : 1;
        return new Page<>(sorted.subList((int) start, end), next);
    }

    /**
     * One page of a list.
     *
     * @param items    the items on it
     * @param nextPage the next page's number, or 1 on the last page
     * @param <T>      the item type
     */
    public record Page<T>(List<T> items, int nextPage) {
    }
}

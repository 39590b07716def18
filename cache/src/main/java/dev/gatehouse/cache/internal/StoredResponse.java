package dev.gatehouse.cache.internal;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Map;

/**
 * One stored response: status, header fields, content and the times RFC 9111 §4.2.3 needs, plus the
 * request header values its secondary key was made of (§4.1). Immutable: a refresh (§3.2) makes a new one.
 */
public final class StoredResponse {
    private final int status;
    private final HttpHeaders headers;
    private final byte[] body;
    private final long requestTime;
    private final long responseTime;
    private final Map<String, String> secondaryKey;
    private final CacheControl cacheControl;
    private final long dateValue;
    private final long ageValue;
    private final long explicitLifetime;
    private final long heuristicLifetime;

    /**
     * Creates a stored response.
     *
     * @param status       the status code
     * @param headers      the header fields to store (taken; never changed afterwards)
     * @param body         the content (taken)
     * @param requestTime  epoch millis when the request that fetched it left
     * @param responseTime epoch millis when its head arrived
     * @param secondaryKey the normalised request values of the fields it varies on, by lower-case name;
     *                     a null value means the request did not have that field
     */
    public StoredResponse(int status, HttpHeaders headers, byte[] body, long requestTime, long responseTime,
                          Map<String, String> secondaryKey) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.requestTime = requestTime;
        this.responseTime = responseTime;
        this.secondaryKey = secondaryKey;
        this.cacheControl = CacheControl.of(headers);
        // Parsed once: hits read them on every request.
        this.dateValue = Freshness.dateValue(headers, responseTime);
        this.ageValue = Freshness.ageValue(headers);
        this.explicitLifetime = Freshness.explicitLifetime(cacheControl, headers, responseTime);
        this.heuristicLifetime = Freshness.heuristic(headers, responseTime);
    }

    /** @return the Date value in epoch millis (the time of receipt when Date is missing or invalid) */
    long dateValue() {
        return dateValue;
    }

    /** @return the received Age in seconds, 0 when absent (§4.2.3 age_value) */
    long ageValue() {
        return ageValue;
    }

    /** @return the explicit freshness lifetime in millis, or -1 when it has none (§4.2.1) */
    long explicitLifetime() {
        return explicitLifetime;
    }

    /** @return the Last-Modified heuristic lifetime in millis, 0 without Last-Modified (§4.2.2) */
    long heuristicLifetime() {
        return heuristicLifetime;
    }

    /** @return the status code */
    public int status() {
        return status;
    }

    /** @return the stored header fields; callers must not change them */
    public HttpHeaders headers() {
        return headers;
    }

    /** @return a mutable copy of the header fields, to send */
    public HttpHeaders headersCopy() {
        return new DefaultHttpHeaders().set(headers);
    }

    /** @return the content; callers must not change it */
    public byte[] body() {
        return body;
    }

    /** @return epoch millis when the request that fetched it left */
    public long requestTime() {
        return requestTime;
    }

    /** @return epoch millis when its head arrived */
    public long responseTime() {
        return responseTime;
    }

    /** @return the secondary key: normalised request values by lower-case field name */
    public Map<String, String> secondaryKey() {
        return secondaryKey;
    }

    /** @return its Cache-Control directives */
    public CacheControl cacheControl() {
        return cacheControl;
    }

    /** @return its entity tag, or null */
    public String etag() {
        return headers.get(HttpHeaderNames.ETAG);
    }

    /** @return its Last-Modified value, or null */
    public String lastModified() {
        return headers.get(HttpHeaderNames.LAST_MODIFIED);
    }

    /** @return true when it can be revalidated (§4.3.1) */
    public boolean hasValidator() {
        return etag() != null || lastModified() != null;
    }

    /**
     * @return true when a shared cache must not serve it stale (§5.2.2.2 must-revalidate, §5.2.2.8
     *         proxy-revalidate, §5.2.2.10 s-maxage)
     */
    public boolean mustRevalidateWhenStale() {
        return cacheControl.has("must-revalidate") || cacheControl.has("proxy-revalidate")
                || cacheControl.has("s-maxage");
    }

    /** @return true when it must be validated before every use (§5.2.2.4 no-cache) */
    public boolean noCache() {
        return cacheControl.has("no-cache");
    }

    /** @return about how many bytes it holds, for the store's byte limit */
    public int weight() {
        long w = 96L + body.length;
        for (Map.Entry<String, String> h : headers) {
            w += h.getKey().length() + h.getValue().length() + 32;
        }
        for (Map.Entry<String, String> e : secondaryKey.entrySet()) {
            w += e.getKey().length() + (e.getValue() == null ? 0 : e.getValue().length()) + 32;
        }
        return (int) Math.min(Integer.MAX_VALUE, w);
    }
}

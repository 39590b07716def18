package dev.gatehouse.observability.internal;

/**
 * The label values of one request series. Used as a map key on the hot path, so it holds only strings that
 * already exist (interned status codes, method names, names from the exchange context): building one costs
 * an allocation and no string work.
 *
 * @param code     the status code as text
 * @param method   the method, or {@code _OTHER} for a non-standard one
 * @param protocol {@code http}, {@code websocket} or {@code sse}
 * @param name     the entry point, router or service name
 * @param service  the service name for router series, otherwise null
 */
public record RequestLabels(String code, String method, String protocol, String name, String service) {
}

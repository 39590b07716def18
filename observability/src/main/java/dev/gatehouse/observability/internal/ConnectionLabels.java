package dev.gatehouse.observability.internal;

/**
 * The label values of one open-connections gauge.
 *
 * @param entryPoint the entry point's name
 * @param protocol   the protocol the observer was told ({@code http} or {@code https})
 */
public record ConnectionLabels(String entryPoint, String protocol) {
}

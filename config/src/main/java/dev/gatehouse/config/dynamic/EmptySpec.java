package dev.gatehouse.config.dynamic;

/** An option that is on when present and has no settings, such as {@code healthCheck: {}}. */
public record EmptySpec() {
}

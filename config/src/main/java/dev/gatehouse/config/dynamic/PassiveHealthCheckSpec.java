package dev.gatehouse.config.dynamic;

import java.time.Duration;

/**
 * {@code loadBalancer.passiveHealthCheck}: a server that fails {@code maxFailedAttempts} times within
 * {@code failureWindow} is taken out for the rest of the window.
 *
 * @param failureWindow     the window (default 10s)
 * @param maxFailedAttempts failures within the window that take a server out (default 1)
 */
public record PassiveHealthCheckSpec(Duration failureWindow, Integer maxFailedAttempts) {
}

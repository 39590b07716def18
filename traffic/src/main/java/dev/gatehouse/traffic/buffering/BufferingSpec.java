package dev.gatehouse.traffic.buffering;

/**
 * {@code buffering}: read whole bodies before passing them on, with Traefik's keys.
 *
 * @param maxRequestBodyBytes  largest request body accepted, else 413; 0 or absent for no limit
 * @param memRequestBodyBytes  accepted for compatibility; bodies are always held in memory
 * @param maxResponseBodyBytes largest response body accepted, else 500; 0 or absent for no limit
 * @param memResponseBodyBytes accepted for compatibility; bodies are always held in memory
 * @param retryExpression      Traefik's replay condition; not supported, rejected when set
 */
public record BufferingSpec(Long maxRequestBodyBytes, Long memRequestBodyBytes, Long maxResponseBodyBytes,
                            Long memResponseBodyBytes, String retryExpression) {
}

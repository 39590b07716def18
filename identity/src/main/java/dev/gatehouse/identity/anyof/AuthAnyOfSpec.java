package dev.gatehouse.identity.anyof;

import java.util.List;

/**
 * {@code authAnyOf}: accepts a request that any of several authentication middlewares accepts.
 *
 * @param middlewares the authentication middlewares to try, in order (names, qualified or not)
 * @param anonymous   let a request with no credentials at all through as the anonymous Consumer; default false
 */
public record AuthAnyOfSpec(List<String> middlewares, Boolean anonymous) {
}

package dev.gatehouse.middleware.chain;

import java.util.List;

/**
 * {@code chain}: a reusable list of other middlewares.
 *
 * @param middlewares their names, qualified ({@code name@provider}) or not, outermost first
 */
public record ChainSpec(List<String> middlewares) {
}

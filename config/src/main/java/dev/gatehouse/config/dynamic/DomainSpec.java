package dev.gatehouse.config.dynamic;

import java.util.List;

/**
 * A domain and its alternative names.
 *
 * @param main the main domain
 * @param sans subject alternative names
 */
public record DomainSpec(String main, List<String> sans) {
}

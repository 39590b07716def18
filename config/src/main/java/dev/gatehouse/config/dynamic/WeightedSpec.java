package dev.gatehouse.config.dynamic;

import java.util.List;

/**
 * {@code http.services.NAME.weighted}.
 *
 * @param services    child services with weights
 * @param sticky      sticky sessions across children, or null
 * @param healthCheck propagate children's health (an empty object turns it on), or null
 */
public record WeightedSpec(List<WeightedServiceSpec> services, StickySpec sticky, EmptySpec healthCheck) {
    /**
     * One child service.
     *
     * @param name   the child service's name
     * @param weight its weight (default 1)
     */
    public record WeightedServiceSpec(String name, Integer weight) {
    }
}

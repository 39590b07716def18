package dev.gatehouse.policy.internal;

import dev.gatehouse.core.Consumer;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code consumer} variable. A request without a Consumer (no authentication middleware ran, or it let an
 * anonymous caller through) sees {@link Consumer#anonymous()}: {@code id} and {@code method} are
 * {@code "anonymous"}. {@code plan} is absent when the Consumer has none, so {@code has(consumer.plan)} is false
 * and reading it is an evaluation error.
 */
final class ConsumerView extends AbstractMap<String, Object> {
    static final String ID = "id";
    static final String GROUPS = "groups";
    static final String SCOPES = "scopes";
    static final String CLAIMS = "claims";
    static final String PLAN = "plan";
    static final String METHOD = "method";

    private final Consumer consumer;
    private Map<String, Object> claims;

    ConsumerView(Consumer consumer) {
        this.consumer = consumer == null ? Consumer.anonymous() : consumer;
    }

    @Override
    public Object get(Object key) {
        if (!(key instanceof String name)) {
            return null;
        }
        return switch (name) {
            case ID -> consumer.id();
            case GROUPS -> consumer.groups();
            case SCOPES -> consumer.scopes();
            case CLAIMS -> claims();
            case PLAN -> consumer.plan();
            case METHOD -> consumer.method();
            default -> null;
        };
    }

    @Override
    public boolean containsKey(Object key) {
        return switch (key instanceof String s ? s : "") {
            case ID, GROUPS, SCOPES, CLAIMS, METHOD -> true;
            case PLAN -> consumer.plan() != null;
            default -> false;
        };
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> all = new LinkedHashMap<>();
        for (String f : new String[] {ID, GROUPS, SCOPES, CLAIMS, PLAN, METHOD}) {
            if (containsKey(f)) {
                all.put(f, get(f));
            }
        }
        return all.entrySet();
    }

    Map<String, Object> claims() {
        if (claims == null) {
            claims = CelValues.claims(consumer.claims());
        }
        return claims;
    }
}

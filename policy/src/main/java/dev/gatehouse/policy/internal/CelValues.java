package dev.gatehouse.policy.internal;

import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts JSON values (as a JWT library or Jackson hands them over) to the Java types the CEL interpreter
 * works with: {@code int} is {@link Long}, {@code double} is {@link Double}, null is {@link NullValue}. A map
 * that needs no conversion is returned as it is, so the common case allocates nothing.
 */
public final class CelValues {
    private CelValues() {
    }

    /**
     * Converts a claims map.
     *
     * @param claims the claims, or null
     * @return a map CEL can evaluate over
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> claims(Map<String, ?> claims) {
        if (claims == null) {
            return Map.of();
        }
        return canonical(claims) ? (Map<String, Object>) claims : (Map<String, Object>) convert(claims);
    }

    private static boolean canonical(Object v) {
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String) || !canonical(e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (!canonical(o)) {
                    return false;
                }
            }
            return true;
        }
        return v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean;
    }

    private static Object convert(Object v) {
        return switch (v) {
            case null -> NullValue.NULL_VALUE;
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, x) -> out.put(String.valueOf(k), convert(x)));
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                l.forEach(x -> out.add(convert(x)));
                yield out;
            }
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case Float f -> f.doubleValue();
            case BigInteger b -> b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
            case BigDecimal d -> integral(d);
            case Object[] a -> convert(java.util.Arrays.asList(a));
            default -> v;
        };
    }

    private static Object integral(BigDecimal d) {
        try {
            return d.longValueExact();
        } catch (ArithmeticException e) {
            return d.doubleValue();
        }
    }

    /**
     * The text of a scalar claim, as a JSON document would spell it: {@code "true"}, {@code "42"}, {@code "1.5"}.
     *
     * @param v the value
     * @return the text, or null when the value is a list, a map or null
     */
    public static String scalarText(Object v) {
        return switch (v) {
            case String s -> s;
            case Boolean b -> b.toString();
            case Long l -> l.toString();
            case Integer i -> i.toString();
            case Double d when d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15 -> Long.toString(d.longValue());
            case Number n -> n.toString();
            case null, default -> null;
        };
    }
}

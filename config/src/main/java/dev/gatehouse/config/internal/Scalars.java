package dev.gatehouse.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Scalar conversions for {@link Binder}, with Traefik's leniency: numbers and booleans may come as strings. */
final class Scalars {
    private Scalars() {
    }

    static Object bind(JsonNode node, Class<?> type, String path, Binder binder) {
        if (node.isContainerNode() && type != Object.class) {
            binder.error(path, "expected " + singular(type) + ", got " + describe(node));
            return null;
        }
        try {
            return convert(node, type);
        } catch (IllegalArgumentException e) {
            binder.error(path, e.getMessage());
            return null;
        }
    }

    private static Object convert(JsonNode node, Class<?> type) {
        if (type == String.class) {
            return node.asText();
        }
        if (type == Integer.class || type == int.class) {
            long value = integer(node, type);
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("integer " + value + " is out of range");
            }
            return (int) value;
        }
        if (type == Long.class || type == long.class) {
            return integer(node, type);
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            double value = number(node, type);
            return type == Float.class || type == float.class ? (Object) (float) value : (Object) value;
        }
        if (type == Boolean.class || type == boolean.class) {
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            if (node.isTextual() && (node.asText().equalsIgnoreCase("true") || node.asText().equalsIgnoreCase("false"))) {
                return Boolean.parseBoolean(node.asText());
            }
            throw expected(type, node);
        }
        if (type == Duration.class) {
            if (node.isIntegralNumber() && node.canConvertToLong()) {
                return Duration.ofSeconds(node.longValue());
            }
            if (node.isTextual()) {
                return Binder.duration(node.asText());
            }
            throw expected(type, node);
        }
        if (type.isEnum()) {
            return enumValue(node, type);
        }
        throw new IllegalStateException("unsupported spec component type " + type.getName());
    }

    private static long integer(JsonNode node, Class<?> type) {
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw new IllegalArgumentException("integer " + node.asText() + " is out of range");
            }
            return node.longValue();
        }
        if (node.isTextual() && node.asText().strip().matches("[+-]?\\d{1,18}")) {
            return Long.parseLong(node.asText().strip());
        }
        throw expected(type, node);
    }

    private static double number(JsonNode node, Class<?> type) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            try {
                return Double.parseDouble(node.asText().strip());
            } catch (NumberFormatException e) {
                throw expected(type, node);
            }
        }
        throw expected(type, node);
    }

    private static Object enumValue(JsonNode node, Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            String name = ((Enum<?>) constant).name();
            if (node.isTextual() && name.equalsIgnoreCase(node.asText())) {
                return constant;
            }
            names.add(name);
        }
        throw new IllegalArgumentException("expected one of " + String.join(", ", names) + ", got "
                + (node.isTextual() ? "\"" + node.asText() + "\"" : describe(node)));
    }

    private static IllegalArgumentException expected(Class<?> type, JsonNode node) {
        return new IllegalArgumentException("expected " + singular(type) + ", got " + describe(node)
                + (node.isValueNode() && !node.isNull() ? " \"" + node.asText() + "\"" : ""));
    }

    static Object zero(Class<?> primitive) {
        if (primitive == boolean.class) {
            return false;
        }
        if (primitive == char.class) {
            return '\0';
        }
        if (primitive == long.class) {
            return 0L;
        }
        if (primitive == double.class) {
            return 0.0;
        }
        if (primitive == float.class) {
            return 0.0f;
        }
        if (primitive == short.class) {
            return (short) 0;
        }
        if (primitive == byte.class) {
            return (byte) 0;
        }
        return 0;
    }

    static String describe(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isNull()) {
            return "null";
        }
        return "a string";
    }

    static String singular(Class<?> type) {
        String plural = plural(type);
        return switch (plural) {
            case "integers" -> "an integer";
            case "objects" -> "an object";
            case "true or false values" -> "true or false";
            default -> "a " + plural.substring(0, plural.length() - 1);
        };
    }

    static String plural(Class<?> type) {
        if (type == String.class) {
            return "strings";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "integers";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "numbers";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false values";
        }
        if (type == Duration.class) {
            return "durations";
        }
        if (type.isEnum()) {
            return "names";
        }
        if (java.util.List.class.isAssignableFrom(type) || java.util.Set.class.isAssignableFrom(type)) {
            return "lists";
        }
        return "objects";
    }
}

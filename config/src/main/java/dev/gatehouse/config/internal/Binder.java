package dev.gatehouse.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.config.Diagnostic;
import dev.gatehouse.config.Durations;
import dev.gatehouse.config.KeyPath;
import dev.gatehouse.config.SourceMap;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds a tree to records by reflection, recording a located diagnostic for every problem instead of stopping
 * at the first. A value that cannot be bound becomes null (a list item is left out), so checks that follow
 * still see the rest.
 */
public final class Binder {
    private final SourceMap map;
    private final List<Diagnostic> out;

    /**
     * Creates a binder.
     *
     * @param map positions for diagnostics
     * @param out where diagnostics go
     */
    public Binder(SourceMap map, List<Diagnostic> out) {
        this.map = map;
        this.out = out;
    }

    /**
     * Binds a node.
     *
     * @param node the node; null or a YAML null gives null (an empty record for a record type)
     * @param type the target type
     * @param path the node's key path
     * @return the value, or null when the node is absent or could not be bound
     */
    public Object bind(JsonNode node, Type type, String path) {
        Class<?> raw = rawClass(type);
        if (node == null || node.isMissingNode()) {
            return null;
        }
        if (raw == JsonNode.class) {
            return node;
        }
        if (node.isNull()) {
            // "tls:" or "healthCheck:" with nothing after it means "on, with defaults", as Traefik's allowEmpty.
            return raw.isRecord() ? bindRecord(node, raw, path) : null;
        }
        if (raw.isRecord()) {
            return bindRecord(node, raw, path);
        }
        if (List.class == raw || Set.class == raw) {
            return bindCollection(node, elementType(type, 0), path, raw == Set.class);
        }
        if (Map.class == raw) {
            return bindMap(node, elementType(type, 1), path);
        }
        return Scalars.bind(node, raw, path, this);
    }

    /**
     * Records a diagnostic at a key.
     *
     * @param path    the key path
     * @param message the message
     */
    void error(String path, String message) {
        out.add(map.at(path, message));
    }

    private Object bindRecord(JsonNode node, Class<?> type, String path) {
        if (!node.isObject() && !node.isNull()) {
            error(path, "expected an object, got " + Scalars.describe(node));
            return null;
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        boolean[] seen = new boolean[components.length];
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            String child = KeyPath.child(path, key);
            int k = componentIndex(components, key);
            if (k < 0) {
                String unsupported = Unsupported.key(type, key);
                error(child, unsupported != null ? Unsupported.message(unsupported)
                        : Suggest.unknownKey(key, names(components)));
                continue;
            }
            if (seen[k]) {
                error(child, "\"" + components[k].getName() + "\" is given twice (keys are matched ignoring case)");
                continue;
            }
            seen[k] = true;
            args[k] = bind(field.getValue(), components[k].getGenericType(), child);
        }
        for (int i = 0; i < components.length; i++) {
            if (args[i] == null && components[i].getType().isPrimitive()) {
                args[i] = Scalars.zero(components[i].getType());
            }
        }
        return construct(type, components, args, path);
    }

    private Object construct(Class<?> type, RecordComponent[] components, Object[] args, String path) {
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            // A record that checks its own values in its constructor reports through this path.
            Throwable cause = e.getCause();
            error(path, cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
            return null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot construct spec type " + type.getName(), e);
        }
    }

    private Object bindCollection(JsonNode node, Type element, String path, boolean set) {
        if (!node.isArray()) {
            error(path, "expected a list of " + Scalars.plural(rawClass(element)) + ", got " + Scalars.describe(node));
            return null;
        }
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String itemPath = KeyPath.index(path, i);
            JsonNode item = node.get(i);
            if (item.isNull()) {
                error(itemPath, "expected " + Scalars.singular(rawClass(element)) + ", got null");
                continue;
            }
            Object value = bind(item, element, itemPath);
            if (value != null) {
                items.add(value);
            }
        }
        return set ? Collections.unmodifiableSet(new LinkedHashSet<>(items)) : Collections.unmodifiableList(items);
    }

    private Object bindMap(JsonNode node, Type valueType, String path) {
        if (!node.isObject()) {
            error(path, "expected an object mapping names to " + Scalars.plural(rawClass(valueType))
                    + ", got " + Scalars.describe(node));
            return null;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String child = KeyPath.child(path, field.getKey());
            Object value = bind(field.getValue(), valueType, child);
            if (value != null) {
                result.put(field.getKey(), value);
            } else if (field.getValue().isNull()) {
                error(child, "expected " + Scalars.singular(rawClass(valueType)) + ", got null");
            }
        }
        return Collections.unmodifiableMap(result);
    }

    private static int componentIndex(RecordComponent[] components, String key) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(key)) {
                return i;
            }
        }
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equalsIgnoreCase(key)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> names(RecordComponent[] components) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : components) {
            names.add(c.getName());
        }
        return names;
    }

    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type elementType(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return String.class;
    }

    /** @return the duration parser's message for a bad duration */
    static Duration duration(String text) {
        return Durations.parse(text);
    }
}

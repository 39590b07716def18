package dev.gatehouse.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gatehouse.config.Diagnostic;
import dev.gatehouse.config.KeyPath;
import dev.gatehouse.config.SourceMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces <code>${VAR}</code> and <code>${VAR:-default}</code> in string values from the environment;
 * <code>$${</code> writes a literal <code>${</code>. Substitution happens on parsed values, not on the file text, so a variable's
 * value is never read as YAML or TOML and positions stay right.
 */
public final class EnvSubstitution {
    private final Map<String, String> env;
    private final SourceMap map;
    private final List<Diagnostic> errors;

    private EnvSubstitution(Map<String, String> env, SourceMap map, List<Diagnostic> errors) {
        this.env = env;
        this.map = map;
        this.errors = errors;
    }

    /**
     * Substitutes in place, throughout a tree.
     *
     * @param tree   the tree
     * @param env    the environment
     * @param map    positions, for errors
     * @param errors where unset variables are reported
     */
    public static void apply(JsonNode tree, Map<String, String> env, SourceMap map, List<Diagnostic> errors) {
        new EnvSubstitution(env, map, errors).walk(tree, "");
    }

    private void walk(JsonNode node, String path) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String child = KeyPath.child(path, field.getKey());
                if (field.getValue().isTextual()) {
                    field.setValue(new TextNode(substitute(field.getValue().asText(), child)));
                } else {
                    walk(field.getValue(), child);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String item = KeyPath.index(path, i);
                if (array.get(i).isTextual()) {
                    array.set(i, new TextNode(substitute(array.get(i).asText(), item)));
                } else {
                    walk(array.get(i), item);
                }
            }
        }
    }

    private String substitute(String text, String path) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                sb.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    errors.add(map.at(path, i, "unclosed \"${\" (write $${ for a literal ${)"));
                    return text;
                }
                sb.append(variable(text.substring(i + 2, end), path, i));
                i = end + 1;
            } else {
                sb.append(text.charAt(i++));
            }
        }
        return sb.toString();
    }

    private String variable(String expression, String path, int offset) {
        int dash = expression.indexOf(":-");
        String name = dash < 0 ? expression : expression.substring(0, dash);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            errors.add(map.at(path, offset, "invalid environment variable name \"" + name + "\""));
            return "";
        }
        String value = env.get(name);
        if (value != null && !(dash >= 0 && value.isEmpty())) {
            return value;
        }
        if (dash >= 0) {
            return expression.substring(dash + 2);
        }
        errors.add(map.at(path, offset, "environment variable \"" + name + "\" is not set (write ${" + name
                + ":-value} to give a default)"));
        return "";
    }
}

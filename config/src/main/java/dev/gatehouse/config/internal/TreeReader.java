package dev.gatehouse.config.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.config.Diagnostic;
import dev.gatehouse.config.KeyPath;
import dev.gatehouse.config.SourceMap;
import java.io.IOException;
import java.util.List;

/**
 * Builds a tree from a streaming parser that reports token locations (YAML), recording the position of every
 * key and value by key path. Duplicate keys are errors (YAML parsers keep the last one silently).
 */
final class TreeReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final JsonParser parser;
    private final SourceText text;
    private final SourceMap.Builder map;
    private final List<Diagnostic> errors;
    private final String file;

    TreeReader(JsonParser parser, SourceText text, SourceMap.Builder map, List<Diagnostic> errors, String file) {
        this.parser = parser;
        this.text = text;
        this.map = map;
        this.errors = errors;
        this.file = file;
    }

    /** @return the first document's tree, or null for an empty document */
    JsonNode read() throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            return null;
        }
        JsonNode root = value(token, "");
        if (parser.nextToken() != null) {
            JsonLocation at = parser.currentTokenLocation();
            errors.add(new Diagnostic(file, at.getLineNr(), at.getColumnNr(), "",
                    "only one YAML document per file is supported; the rest of the file is ignored"));
        }
        return root;
    }

    private JsonNode value(JsonToken token, String path) throws IOException {
        return switch (token) {
            case START_OBJECT -> object(path);
            case START_ARRAY -> array(path);
            case VALUE_STRING -> emptyPlain() ? NODES.nullNode() : NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> NODES.textNode(parser.getText());
        };
    }

    private ObjectNode object(String path) throws IOException {
        ObjectNode node = NODES.objectNode();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String child = KeyPath.child(path, name);
            JsonLocation keyAt = parser.currentTokenLocation();
            JsonToken valueToken = parser.nextToken();
            JsonLocation valueAt = parser.currentTokenLocation();
            if (node.has(name)) {
                errors.add(new Diagnostic(file, keyAt.getLineNr(), keyAt.getColumnNr(), child,
                        "duplicate key \"" + name + "\""));
                value(valueToken, KeyPath.child(path, name + " (duplicate)"));
                continue;
            }
            map.key(child, keyAt.getLineNr(), keyAt.getColumnNr());
            record(child, valueAt);
            node.set(name, value(valueToken, child));
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IOException("unexpected token " + token);
        }
        return node;
    }

    private ArrayNode array(String path) throws IOException {
        ArrayNode node = NODES.arrayNode();
        JsonToken token;
        int i = 0;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new IOException("unexpected end of input");
            }
            String item = KeyPath.index(path, i++);
            record(item, parser.currentTokenLocation());
            node.add(value(token, item));
        }
        return node;
    }

    /** A key with nothing after it ({@code tls:}) is null in YAML, while {@code tls: ""} is an empty string. */
    private boolean emptyPlain() throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        return parser.getText().isEmpty() && !text.isQuote(at.getLineNr(), at.getColumnNr());
    }

    private void record(String path, JsonLocation at) {
        int line = at.getLineNr();
        int column = at.getColumnNr();
        map.value(path, line, column, text.isQuote(line, column));
    }
}

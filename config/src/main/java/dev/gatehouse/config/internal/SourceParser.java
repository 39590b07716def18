package dev.gatehouse.config.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gatehouse.config.Diagnostic;
import dev.gatehouse.config.SourceMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses a YAML or TOML file (chosen by its extension) into a tree plus a {@link SourceMap}.
 *
 * <p>A syntax error is a file-level failure: the result has no tree and one diagnostic at the error's place.
 */
public final class SourceParser {
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build()).build();
    private static final TomlMapper TOML = new TomlMapper();

    private SourceParser() {
    }

    /**
     * A parsed file.
     *
     * @param tree   the top-level tree, or null when the file failed as a whole
     * @param map    the positions
     * @param errors diagnostics; when {@code tree} is null, the reason it is
     */
    public record Parsed(JsonNode tree, SourceMap map, List<Diagnostic> errors) {
    }

    /**
     * Whether the loader reads files with this name.
     *
     * @param fileName a file name
     * @return true for {@code .yml}, {@code .yaml} and {@code .toml}
     */
    public static boolean isConfigFile(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yml") || lower.endsWith(".yaml") || lower.endsWith(".toml");
    }

    /**
     * Parses a file's text.
     *
     * @param file    the file name; its extension picks the format
     * @param content the text
     * @return the tree and positions, or a file-level diagnostic
     */
    public static Parsed parse(String file, String content) {
        SourceMap.Builder map = SourceMap.builder(file);
        List<Diagnostic> errors = new ArrayList<>();
        if (!isConfigFile(file)) {
            return failed(file, new Diagnostic(file, 0, 0, "",
                    "unsupported file type (expected a .yml, .yaml or .toml file)"));
        }
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        try {
            JsonNode tree;
            if (file.toLowerCase(Locale.ROOT).endsWith(".toml")) {
                tree = TOML.readTree(text);
                TomlLocator.locate(text, map);
            } else {
                try (JsonParser parser = YAML.createParser(text)) {
                    tree = new TreeReader(parser, new SourceText(text), map, errors, file).read();
                }
            }
            if (tree != null && !tree.isObject()) {
                return failed(file, new Diagnostic(file, 1, 1, "",
                        "expected keys and values at the top of the file, got " + Scalars.describe(tree)));
            }
            return new Parsed(tree == null ? TOML.createObjectNode() : tree, map.build(), errors);
        } catch (JsonProcessingException e) {
            return failed(file, syntaxError(file, e));
        } catch (IOException | RuntimeException e) {
            // SnakeYAML reports some malformed input (bad escapes, bad indentation) as unchecked exceptions.
            return failed(file, yamlError(file, e));
        }
    }

    private static Parsed failed(String file, Diagnostic diagnostic) {
        return new Parsed(null, SourceMap.empty(file), List.of(diagnostic));
    }

    private static Diagnostic syntaxError(String file, JsonProcessingException e) {
        Diagnostic fromYaml = e.getCause() != null ? yamlError(file, e.getCause()) : null;
        if (fromYaml != null && fromYaml.line() > 0) {
            return fromYaml;
        }
        JsonLocation at = e.getLocation();
        String message = firstLine(e.getOriginalMessage());
        return at == null ? new Diagnostic(file, 0, 0, "", "syntax error: " + message)
                : new Diagnostic(file, Math.max(0, at.getLineNr()), Math.max(0, at.getColumnNr()), "",
                        "syntax error: " + message);
    }

    private static Diagnostic yamlError(String file, Throwable e) {
        if (e instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
            String problem = m.getProblem() != null ? m.getProblem() : firstLine(m.getMessage());
            return new Diagnostic(file, m.getProblemMark().getLine() + 1, m.getProblemMark().getColumn() + 1, "",
                    "syntax error: " + firstLine(problem));
        }
        if (e instanceof JsonProcessingException j) {
            return syntaxError(file, j);
        }
        return new Diagnostic(file, 0, 0, "", "syntax error: " + firstLine(String.valueOf(e.getMessage())));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed file";
        }
        String first = message.strip().lines().findFirst().orElse("malformed file");
        return first.isBlank() ? "malformed file" : first;
    }
}

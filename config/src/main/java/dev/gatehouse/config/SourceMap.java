package dev.gatehouse.config;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where each key and value of a loaded file sits, by key path (see {@link KeyPath} for the path syntax).
 *
 * <p>Lookups try the exact path, then the same path ignoring case (Traefik matches keys case-insensitively, so
 * {@code healthcheck} in a file is {@code healthCheck} in a record), then the nearest ancestor that has a
 * position. So a diagnostic about a missing key points at the element that lacks it.
 *
 * <p>A map built by {@link #merged(List)} covers several files and answers from the file that knows the
 * longest prefix of the path.
 */
public final class SourceMap {
    private final String file;
    private final Map<String, Pos> keys;
    private final Map<String, Pos> values;
    private final Map<String, Pos> keysIgnoringCase;
    private final Map<String, Pos> valuesIgnoringCase;
    private final List<SourceMap> parts;

    private SourceMap(String file, Map<String, Pos> keys, Map<String, Pos> values, List<SourceMap> parts) {
        this.file = file;
        this.keys = Map.copyOf(keys);
        this.values = Map.copyOf(values);
        this.keysIgnoringCase = lowerCased(keys);
        this.valuesIgnoringCase = lowerCased(values);
        this.parts = List.copyOf(parts);
    }

    /**
     * A map with no positions: diagnostics carry the file name only.
     *
     * @param file the file name, or an empty string
     * @return the map
     */
    public static SourceMap empty(String file) {
        return new SourceMap(file, Map.of(), Map.of(), List.of());
    }

    /**
     * A map over several files, such as the files of one directory.
     *
     * @param maps the files' maps
     * @return a map that answers from the file knowing the longest prefix of a path
     */
    public static SourceMap merged(List<SourceMap> maps) {
        return new SourceMap(maps.size() == 1 ? maps.getFirst().file : "", Map.of(), Map.of(), maps);
    }

    /**
     * Starts a map for one file; loaders record positions while they parse.
     *
     * @param file the file name as the user gave it
     * @return a builder
     */
    public static Builder builder(String file) {
        return new Builder(file);
    }

    /** @return the file name, or an empty string for a map over several files */
    public String file() {
        return file;
    }

    /**
     * A diagnostic located at a key (or, for a list item, at the item).
     *
     * @param keyPath the key path
     * @param message what is wrong and what was expected
     * @return the diagnostic
     */
    public Diagnostic at(String keyPath, String message) {
        SourceMap owner = owner(keyPath);
        if (owner != this) {
            return owner.at(keyPath, message);
        }
        Pos pos = find(keyPath, true);
        return pos == null ? new Diagnostic(file, 0, 0, keyPath, message)
                : new Diagnostic(file, pos.line, pos.column, keyPath, message);
    }

    /**
     * A diagnostic located inside a value, such as a rule's parse error at a column of the rule string.
     *
     * <p>The column skips the opening quote of a quoted value. It is exact for values on one line without escape
     * sequences; for block or multi-line strings it points at the value's start plus the offset.
     *
     * @param keyPath             the key path of the value
     * @param columnOffsetInValue the 0-based character offset inside the value's text
     * @param message             what is wrong and what was expected
     * @return the diagnostic
     */
    public Diagnostic at(String keyPath, int columnOffsetInValue, String message) {
        SourceMap owner = owner(keyPath);
        if (owner != this) {
            return owner.at(keyPath, columnOffsetInValue, message);
        }
        Pos pos = exact(values, valuesIgnoringCase, keyPath);
        if (pos == null) {
            return at(keyPath, message);
        }
        int column = pos.column + (pos.quoted ? 1 : 0) + Math.max(0, columnOffsetInValue);
        return new Diagnostic(file, pos.line, column, keyPath, message);
    }

    /**
     * The recorded position of a key (or of a list item), without falling back to an ancestor.
     *
     * @param keyPath the key path
     * @return {@code {line, column}}, 1-based, or empty when the path is not in the file
     */
    public Optional<int[]> position(String keyPath) {
        SourceMap owner = owner(keyPath);
        if (owner != this) {
            return owner.position(keyPath);
        }
        Pos pos = find(keyPath, false);
        return pos == null ? Optional.empty() : Optional.of(new int[] {pos.line, pos.column});
    }

    private SourceMap owner(String keyPath) {
        if (parts.isEmpty()) {
            return this;
        }
        SourceMap best = parts.getFirst();
        int bestLength = -1;
        for (SourceMap part : parts) {
            for (String p = keyPath; ; p = KeyPath.parent(p)) {
                if (part.find(p, false) != null) {
                    if (p.length() > bestLength) {
                        best = part;
                        bestLength = p.length();
                    }
                    break;
                }
                if (p.isEmpty()) {
                    break;
                }
            }
        }
        return best.owner(keyPath);
    }

    private Pos find(String keyPath, boolean walkUp) {
        for (String p = keyPath; ; p = KeyPath.parent(p)) {
            Pos pos = exact(keys, keysIgnoringCase, p);
            if (pos == null) {
                pos = exact(values, valuesIgnoringCase, p);
            }
            if (pos != null || !walkUp || p.isEmpty()) {
                return pos;
            }
        }
    }

    private static Pos exact(Map<String, Pos> map, Map<String, Pos> ignoringCase, String keyPath) {
        Pos pos = map.get(keyPath);
        return pos != null ? pos : ignoringCase.get(keyPath.toLowerCase(Locale.ROOT));
    }

    private static Map<String, Pos> lowerCased(Map<String, Pos> map) {
        Map<String, Pos> lower = new HashMap<>();
        map.forEach((k, v) -> lower.putIfAbsent(k.toLowerCase(Locale.ROOT), v));
        return Map.copyOf(lower);
    }

    private record Pos(int line, int column, boolean quoted) {
    }

    /** Collects positions while a file is parsed. Not thread-safe. */
    public static final class Builder {
        private final String file;
        private final Map<String, Pos> keys = new HashMap<>();
        private final Map<String, Pos> values = new HashMap<>();

        private Builder(String file) {
            this.file = file;
        }

        /**
         * Records where a key is written; the first record for a path wins.
         *
         * @param keyPath the key path
         * @param line    1-based line
         * @param column  1-based column
         * @return this builder
         */
        public Builder key(String keyPath, int line, int column) {
            if (line > 0) {
                keys.putIfAbsent(keyPath, new Pos(line, column, false));
            }
            return this;
        }

        /**
         * Records where a value starts; the first record for a path wins.
         *
         * @param keyPath the value's key path
         * @param line    1-based line
         * @param column  1-based column of the value's first character (its opening quote, when quoted)
         * @param quoted  whether the value starts with a quote
         * @return this builder
         */
        public Builder value(String keyPath, int line, int column, boolean quoted) {
            if (line > 0) {
                values.putIfAbsent(keyPath, new Pos(line, column, quoted));
            }
            return this;
        }

        /** @return the map */
        public SourceMap build() {
            return new SourceMap(file, keys, values, List.of());
        }
    }
}

package dev.gatehouse.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.config.dynamic.DynamicConfig;
import dev.gatehouse.config.install.InstallConfig;
import dev.gatehouse.config.internal.DynamicAssembler;
import dev.gatehouse.config.internal.InstallAssembler;
import dev.gatehouse.config.internal.SourceParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads config files: YAML ({@code .yml}, {@code .yaml}) or TOML ({@code .toml}), chosen by extension.
 *
 * <pre>
 *  text ──parse (positions by key path)──▶ tree ──bind records, check──▶ LoadResult(value, errors, SourceMap)
 * </pre>
 *
 * <p>Loading never throws. A file that cannot be read or parsed gives a null value and one diagnostic; an
 * invalid routing element is left out and listed in {@link LoadResult#invalidElements()}. Unknown keys are
 * errors (with a suggestion when a known key is close), and so are Traefik keys Gatehouse does not support yet.
 * Instances are immutable and thread-safe.
 */
public final class ConfigLoader {
    private final Map<String, String> env;

    /** A loader that substitutes the process environment in the install config. */
    public ConfigLoader() {
        this(System.getenv());
    }

    /**
     * A loader with a given environment, for tests and embedding.
     *
     * @param env the variables for <code>${VAR}</code> in the install config
     */
    public ConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /**
     * Loads the install config.
     *
     * @param file the file
     * @return the config and diagnostics; any diagnostic should stop the start
     */
    public LoadResult<InstallConfig> loadInstall(Path file) {
        String name = file.toString();
        try {
            return loadInstall(name, read(file));
        } catch (IOException e) {
            return unreadable(name, e);
        }
    }

    /**
     * Loads the install config from text.
     *
     * @param fileName the name used in diagnostics; its extension picks the format
     * @param content  the text
     * @return the config and diagnostics
     */
    public LoadResult<InstallConfig> loadInstall(String fileName, String content) {
        try {
            return install(fileName, content);
        } catch (RuntimeException e) {
            return internalError(fileName, e);
        }
    }

    private LoadResult<InstallConfig> install(String fileName, String content) {
        SourceParser.Parsed parsed = SourceParser.parse(fileName, content);
        if (parsed.tree() == null) {
            return new LoadResult<>(null, parsed.errors(), parsed.map());
        }
        List<Diagnostic> errors = new ArrayList<>(parsed.errors());
        InstallConfig config = InstallAssembler.assemble((ObjectNode) parsed.tree(), env, parsed.map(), errors);
        if (config == null) {
            config = new InstallConfig(null, null, null, null, null, null, null);
        }
        return new LoadResult<>(config, sorted(errors), parsed.map());
    }

    /**
     * Loads one routing (dynamic) file.
     *
     * @param file the file
     * @return the config without invalid elements, and diagnostics
     */
    public LoadResult<DynamicConfig> loadDynamic(Path file) {
        String name = file.toString();
        try {
            return loadDynamic(name, read(file));
        } catch (IOException e) {
            return unreadable(name, e);
        }
    }

    /**
     * Loads a routing (dynamic) file from text, such as the built-in demo config.
     *
     * @param fileName the name used in diagnostics; its extension picks the format
     * @param content  the text
     * @return the config without invalid elements, and diagnostics
     */
    public LoadResult<DynamicConfig> loadDynamic(String fileName, String content) {
        try {
            return dynamic(fileName, content);
        } catch (RuntimeException e) {
            return internalError(fileName, e);
        }
    }

    private LoadResult<DynamicConfig> dynamic(String fileName, String content) {
        SourceParser.Parsed parsed = SourceParser.parse(fileName, content);
        if (parsed.tree() == null) {
            return new LoadResult<>(null, parsed.errors(), parsed.map());
        }
        List<Diagnostic> errors = new ArrayList<>(parsed.errors());
        DynamicAssembler.Assembled assembled = DynamicAssembler.assemble(parsed.tree(), parsed.map(), errors);
        return new LoadResult<>(assembled.config(), sorted(errors), parsed.map(), assembled.invalid());
    }

    /**
     * Loads every {@code .yml}, {@code .yaml} and {@code .toml} file under a directory (recursively, in name
     * order, as Traefik's file provider does) and merges them with {@link ConfigMerger}.
     *
     * @param directory the directory
     * @return the merged config; null when the directory or any file in it could not be read or parsed
     */
    public LoadResult<DynamicConfig> loadDynamicDirectory(Path directory) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> SourceParser.isConfigFile(p.getFileName().toString()))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException | RuntimeException e) {
            return unreadable(directory.toString(), e);
        }
        List<LoadResult<DynamicConfig>> results = new ArrayList<>();
        for (Path file : files) {
            results.add(loadDynamic(file));
        }
        return ConfigMerger.merge(results);
    }

    private static String read(Path file) throws IOException {
        // A strict decoder: a binary or Latin-1 file is reported, not read as replacement characters.
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    }

    private static <T> LoadResult<T> unreadable(String name, Exception e) {
        String why = e instanceof CharacterCodingException ? "the file is not UTF-8 text"
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return new LoadResult<>(null, List.of(new Diagnostic(name, 0, 0, "", "cannot read file: " + why)),
                SourceMap.empty(name), Set.of());
    }

    /** A bug in the loader must not take the gateway down; the caller keeps its last good config. */
    private static <T> LoadResult<T> internalError(String name, RuntimeException e) {
        return new LoadResult<>(null, List.of(new Diagnostic(name, 0, 0, "", "internal error while loading: " + e)),
                SourceMap.empty(name), Set.of());
    }

    /** File order: diagnostics come from several passes, users read them top to bottom. */
    static List<Diagnostic> sorted(List<Diagnostic> errors) {
        List<Diagnostic> copy = new ArrayList<>(errors);
        copy.sort(Comparator.comparing(Diagnostic::file).thenComparingInt(Diagnostic::line)
                .thenComparingInt(Diagnostic::column));
        return copy;
    }
}

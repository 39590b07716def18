package dev.gatehouse.config;

import dev.gatehouse.config.dynamic.CertificateSpec;
import dev.gatehouse.config.dynamic.DynamicConfig;
import dev.gatehouse.config.dynamic.HttpSection;
import dev.gatehouse.config.dynamic.TlsSection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Merges one provider's files (such as a directory) into one {@link DynamicConfig}.
 *
 * <p>An element name defined in several files with equal content is kept once. Defined with different
 * content, it is an error in every file that defines it (each diagnostic names the other files) and the element
 * is left out, as Traefik does when configurations conflict. An element invalid in one file is left out even if
 * another file defines it validly. TLS certificates are concatenated (equal ones kept once).
 *
 * <p>When any file failed as a whole (unreadable, syntax error), the merged value is null: applying the other
 * files alone would silently remove that file's routes, so the caller keeps what it had.
 */
public final class ConfigMerger {
    private ConfigMerger() {
    }

    /**
     * Merges loaded files.
     *
     * @param files the files' results, in load order
     * @return the merged result; its source map answers for every file
     */
    public static LoadResult<DynamicConfig> merge(List<LoadResult<DynamicConfig>> files) {
        List<Diagnostic> errors = new ArrayList<>();
        Set<String> invalid = new LinkedHashSet<>();
        List<SourceMap> maps = new ArrayList<>();
        List<LoadResult<DynamicConfig>> loaded = new ArrayList<>();
        boolean failed = false;
        for (LoadResult<DynamicConfig> file : files) {
            errors.addAll(file.errors());
            invalid.addAll(file.invalidElements());
            maps.add(file.sourceMap());
            if (file.value() == null) {
                failed = true;
            } else {
                loaded.add(file);
            }
        }
        Merge m = new Merge(loaded, errors, invalid);
        HttpSection http = new HttpSection(
                m.named("http.routers", c -> c.http().routers()),
                m.named("http.services", c -> c.http().services()),
                m.named("http.middlewares", c -> c.http().middlewares()),
                m.named("http.serversTransports", c -> c.http().serversTransports()));
        TlsSection tls = new TlsSection(certificates(loaded),
                m.named("tls.options", c -> c.tls().options()),
                m.named("tls.stores", c -> c.tls().stores()));
        DynamicConfig value = failed ? null : new DynamicConfig(http, tls);
        return new LoadResult<>(value, errors, SourceMap.merged(maps), invalid);
    }

    private static List<CertificateSpec> certificates(List<LoadResult<DynamicConfig>> files) {
        Set<CertificateSpec> all = new LinkedHashSet<>();
        for (LoadResult<DynamicConfig> file : files) {
            all.addAll(file.value().tls().certificates());
        }
        return List.copyOf(all);
    }

    /** The name-keyed sections' merge, sharing the collected diagnostics. */
    private record Merge(List<LoadResult<DynamicConfig>> files, List<Diagnostic> errors, Set<String> invalid) {
        <T> Map<String, T> named(String section, Function<DynamicConfig, Map<String, T>> get) {
            Map<String, List<Integer>> definedIn = new LinkedHashMap<>();
            for (int i = 0; i < files.size(); i++) {
                for (String name : get.apply(files.get(i).value()).keySet()) {
                    definedIn.computeIfAbsent(name, k -> new ArrayList<>()).add(i);
                }
            }
            Map<String, T> result = new LinkedHashMap<>();
            definedIn.forEach((name, indexes) -> {
                String path = KeyPath.child(section, name);
                T first = get.apply(files.get(indexes.getFirst()).value()).get(name);
                boolean conflict = indexes.stream()
                        .anyMatch(i -> !Objects.equals(first, get.apply(files.get(i).value()).get(name)));
                if (conflict) {
                    conflict(path, indexes);
                } else if (!invalid.contains(path)) {
                    result.put(name, first);
                }
            });
            return Collections.unmodifiableMap(result);
        }

        private void conflict(String path, List<Integer> indexes) {
            invalid.add(path);
            List<String> names = indexes.stream().map(i -> files.get(i).sourceMap().file()).toList();
            for (int i : indexes) {
                SourceMap map = files.get(i).sourceMap();
                List<String> others = names.stream().filter(n -> !n.equals(map.file())).toList();
                errors.add(map.at(path, "defined with different content in " + String.join(", ", others)
                        + " too; left out until the definitions agree"));
            }
        }
    }
}

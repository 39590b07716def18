package dev.gatehouse.config.install;

import java.time.Duration;

/**
 * {@code providers}.
 *
 * @param providersThrottleDuration how long to wait after a change before applying it (default 2s)
 * @param file                      the file provider, or null
 */
public record ProvidersSpec(Duration providersThrottleDuration, FileProviderSpec file) {
    /**
     * {@code providers.file}: exactly one of filename and directory.
     *
     * @param filename  one routing file (YAML or TOML)
     * @param directory a folder of routing files
     * @param watch     reload on change (default true, as in Traefik)
     */
    public record FileProviderSpec(String filename, String directory, Boolean watch) {
    }
}

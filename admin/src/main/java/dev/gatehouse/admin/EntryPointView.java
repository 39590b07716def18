package dev.gatehouse.admin;

import dev.gatehouse.config.install.EntryPointSpec;

/**
 * One entry point as the admin API shows it: its settings plus its name.
 *
 * @param name the entry point's name
 * @param spec its settings
 */
public record EntryPointView(String name, EntryPointSpec spec) {
}

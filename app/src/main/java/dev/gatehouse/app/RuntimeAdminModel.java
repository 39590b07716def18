package dev.gatehouse.app;

import dev.gatehouse.admin.AdminModel;
import dev.gatehouse.admin.ConfigView;
import dev.gatehouse.admin.EntryPointView;
import dev.gatehouse.config.Diagnostic;
import dev.gatehouse.config.install.InstallConfig;
import dev.gatehouse.runtime.SnapshotHolder;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The admin API's view of the running gateway: the live snapshot's statuses and the last reload error. */
final class RuntimeAdminModel implements AdminModel {
    private final InstallConfig install;
    private final SnapshotHolder holder;
    private final Supplier<Diagnostic> lastError;
    private final BooleanSupplier shuttingDown;

    RuntimeAdminModel(InstallConfig install, SnapshotHolder holder, Supplier<Diagnostic> lastError,
                      BooleanSupplier shuttingDown) {
        this.install = install;
        this.holder = holder;
        this.lastError = lastError;
        this.shuttingDown = shuttingDown;
    }

    @Override
    public List<EntryPointView> entryPoints() {
        return install.entryPoints().entrySet().stream()
                .map(e -> new EntryPointView(e.getKey(), e.getValue())).toList();
    }

    @Override
    public ConfigView config() {
        ConfigView v = holder.current().status();
        return new ConfigView(v.revision(), v.appliedAt(), lastError.get(), v.routers(), v.services(),
                v.middlewares());
    }

    @Override
    public boolean shuttingDown() {
        return shuttingDown.getAsBoolean();
    }
}

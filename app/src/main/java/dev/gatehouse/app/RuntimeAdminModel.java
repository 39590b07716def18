package dev.gatehouse.app;

import dev.gatehouse.admin.AdminModel;
import dev.gatehouse.admin.ConfigView;
import dev.gatehouse.admin.EntryPointView;
import dev.gatehouse.admin.ServiceView;
import dev.gatehouse.config.Diagnostic;
import dev.gatehouse.config.install.InstallConfig;
import dev.gatehouse.runtime.RuntimeSnapshot;
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
        RuntimeSnapshot snap = holder.current();
        ConfigView v = snap.status();
        // Server health changes between reloads, so it is read live, not from the compiled view.
        List<ServiceView> services = snap.services() == null ? v.services() : v.services().stream()
                .map(s -> s.serverStatus() == null || s.serverStatus().isEmpty() ? s
                        : new ServiceView(s.name(), s.provider(), s.status(), s.errors(), s.type(), s.spec(),
                                snap.services().serverStatus(s.name()), s.usedBy()))
                .toList();
        return new ConfigView(v.revision(), v.appliedAt(), lastError.get(), v.routers(), services,
                v.middlewares());
    }

    @Override
    public boolean shuttingDown() {
        return shuttingDown.getAsBoolean();
    }
}

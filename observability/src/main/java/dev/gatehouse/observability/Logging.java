package dev.gatehouse.observability;

import dev.gatehouse.config.install.LogSpec;
import dev.gatehouse.observability.internal.AsyncLogHandler;
import dev.gatehouse.observability.internal.LogFormatter;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sets up the gateway's own log ({@code log:}) on {@code java.util.logging}, where Netty's logging goes too.
 * Lines are written by a daemon thread, so logging from an event loop never waits on the disk.
 *
 * <p>Levels use Traefik's names: {@code TRACE}, {@code DEBUG}, {@code INFO}, {@code WARN}, {@code ERROR}
 * (default), and {@code FATAL} and {@code PANIC}, which mean {@code ERROR} here since the gateway logs nothing
 * above it. Never log raw headers or config: pass them through {@link Redactor} first.
 */
public final class Logging {
    private static Handler installed;

    private Logging() {
    }

    /**
     * Replaces the root logger's handlers with one configured from {@code log}.
     *
     * @param spec the settings; null means the defaults (ERROR, common, standard error)
     * @throws IOException              when the log file cannot be opened
     * @throws IllegalArgumentException on an unknown level or format
     */
    public static synchronized void configure(LogSpec spec) throws IOException {
        Level level = level(spec == null ? null : spec.level());
        boolean json = json(spec == null ? null : spec.format());
        String file = spec == null ? null : spec.filePath();
        OutputStream out;
        boolean owned;
        if (file == null || file.isBlank()) {
            out = new FileOutputStream(FileDescriptor.err);
            owned = false;
        } else {
            Path path = Path.of(file).toAbsolutePath();
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            out = new FileOutputStream(path.toFile(), true);
            owned = true;
        }
        AsyncLogHandler handler = new AsyncLogHandler(out, owned);
        handler.setFormatter(new LogFormatter(json, ZoneId.systemDefault()));
        handler.setLevel(level);
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        if (installed != null) {
            installed.close();
        }
        root.addHandler(handler);
        root.setLevel(level);
        installed = handler;
        // Netty picks SLF4J or Log4j when it finds them; pin it to java.util.logging so its lines land here.
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
    }

    /**
     * Maps a Traefik level name to a {@code java.util.logging} level.
     *
     * @param name the level name, any case; null means ERROR
     * @return the level
     * @throws IllegalArgumentException on an unknown name
     */
    public static Level level(String name) {
        if (name == null || name.isBlank()) {
            return Level.SEVERE;
        }
        return switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "TRACE" -> Level.FINEST;
            case "DEBUG" -> Level.FINE;
            case "INFO" -> Level.INFO;
            case "WARN", "WARNING" -> Level.WARNING;
            case "ERROR", "FATAL", "PANIC" -> Level.SEVERE;
            default -> throw new IllegalArgumentException("log.level: \"" + name
                    + "\" (expected one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL, PANIC)");
        };
    }

    private static boolean json(String format) {
        if (format == null || format.isBlank()) {
            return false;
        }
        return switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "common" -> false;
            case "json" -> true;
            default -> throw new IllegalArgumentException("log.format: \"" + format + "\" (expected common or json)");
        };
    }
}

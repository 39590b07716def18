package dev.gatehouse.runtime;

import dev.gatehouse.runtime.spi.ConfigProvider;
import dev.gatehouse.runtime.spi.ProviderSink;
import dev.gatehouse.runtime.spi.ProviderState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The file provider: one routing file, or every {@code .yml}, {@code .yaml} and {@code .toml} file under a
 * directory (recursively, in name order), as Traefik's file provider reads them.
 *
 * <p>Watching uses the file system's change notifications on the folder (editors often replace a file by
 * renaming a new one over it, which a watch on the file itself would miss), and a slow poll as a safety net
 * for file systems that do not notify. Both just re-read and publish: the watcher drops unchanged states.
 */
public final class FileProvider implements ConfigProvider {
    private static final Logger LOG = Logger.getLogger(FileProvider.class.getName());
    private static final long POLL_MILLIS = 5_000;

    private final Path file;
    private final Path directory;
    private final String shownName;
    private final boolean watch;
    private volatile boolean closed;
    private WatchService watchService;
    private Thread thread;

    /**
     * Creates a provider for a file or a directory; exactly one is non-null.
     *
     * @param file      the routing file, or null
     * @param directory the routing directory, or null
     * @param watch     publish again on change
     */
    public FileProvider(Path file, Path directory, boolean watch) {
        this(file, directory, watch, file == null ? null : file.toString());
    }

    /**
     * Creates a provider for a file or a directory; exactly one is non-null.
     *
     * @param file      the routing file, or null
     * @param directory the routing directory, or null
     * @param watch     publish again on change
     * @param shownName the file's name as the user wrote it, shown in errors
     */
    public FileProvider(Path file, Path directory, boolean watch, String shownName) {
        this.shownName = shownName;
        if ((file == null) == (directory == null)) {
            throw new IllegalArgumentException("exactly one of file and directory");
        }
        this.file = file;
        this.directory = directory;
        this.watch = watch;
    }

    @Override
    public String name() {
        return "file";
    }

    @Override
    public void start(ProviderSink sink) {
        sink.publish(read());
        if (!watch) {
            return;
        }
        Path dir = directory != null ? directory : file.toAbsolutePath().getParent();
        try {
            watchService = FileSystems.getDefault().newWatchService();
            registerTree(dir);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot watch " + dir + "; polling every " + POLL_MILLIS + " ms", e);
        }
        thread = Thread.ofPlatform().daemon().name("gatehouse-file-provider").start(() -> loop(sink));
    }

    private void registerTree(Path dir) throws IOException {
        if (directory == null) {
            dir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            return;
        }
        try (Stream<Path> dirs = Files.walk(dir)) {
            for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                d.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    private void loop(ProviderSink sink) {
        while (!closed) {
            try {
                if (watchService != null) {
                    var key = watchService.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    if (key != null) {
                        key.pollEvents();
                        key.reset();
                        if (directory != null) {
                            registerTree(directory); // new subfolders
                        }
                    }
                } else {
                    Thread.sleep(POLL_MILLIS);
                }
                if (!closed) {
                    sink.publish(read());
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "file provider: " + e.getMessage(), e);
            }
        }
    }

    /** @return the current state: every file's text, or a read error */
    public ProviderState read() {
        Path base = directory != null ? directory : file.toAbsolutePath().getParent();
        List<ProviderState.Source> sources = new ArrayList<>();
        try {
            for (Path p : files()) {
                String shown = directory != null ? directory.relativize(p).toString() : shownName;
                sources.add(new ProviderState.Source(shown, Files.readString(p, StandardCharsets.UTF_8)));
            }
            return new ProviderState(name(), List.copyOf(sources), base, null);
        } catch (IOException | RuntimeException e) {
            return new ProviderState(name(), List.of(), base, "cannot read " + e.getMessage());
        }
    }

    private List<Path> files() throws IOException {
        if (directory == null) {
            return List.of(file);
        }
        try (Stream<Path> all = Files.walk(directory)) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return !n.startsWith(".") && (n.endsWith(".yml") || n.endsWith(".yaml") || n.endsWith(".toml"));
                    })
                    .sorted()
                    .toList();
        }
    }

    @Override
    public void close() {
        closed = true;
        if (watchService != null) {
            try {
                watchService.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}

package dev.gatehouse.observability;

import dev.gatehouse.config.install.AccessLogSpec;
import dev.gatehouse.core.Consumer;
import dev.gatehouse.core.ExchangeObserver;
import dev.gatehouse.core.ExchangeSummary;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.StandardAttributes;
import dev.gatehouse.observability.internal.AccessLogEntry;
import dev.gatehouse.observability.internal.CommonFormat;
import dev.gatehouse.observability.internal.FieldRules;
import dev.gatehouse.observability.internal.HeaderMode;
import dev.gatehouse.observability.internal.JsonFormat;
import dev.gatehouse.observability.internal.LineFormat;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The access log, in Traefik's {@code common} or {@code json} format.
 *
 * <pre>
 *  event loop: exchangeCompleted ─ capture values ─ offer ─▶ bounded queue ─▶ writer thread: format, write
 *                                        └─ queue full: drop the line, count it (never wait)
 * </pre>
 *
 * <p>The event loop only copies what the line needs (redacting headers on the way, so secrets never sit in
 * the queue) and offers it; one platform daemon thread formats and writes. {@link #reopen()} makes the writer
 * reopen the file before its next write, for external log rotation.
 */
public final class AccessLog implements ExchangeObserver, AutoCloseable {
    /** Opens the stream lines go to; called at start and on every {@link #reopen()}. */
    @FunctionalInterface
    public interface Output {
        /**
         * @return a stream to append to
         * @throws IOException when it cannot be opened
         */
        OutputStream open() throws IOException;
    }

    private static final Logger LOG = Logger.getLogger(AccessLog.class.getName());
    private static final String[] NO_HEADERS = new String[0];
    private static final AccessLogEntry REOPEN = marker();
    private static final AccessLogEntry CLOSE = marker();
    private static final int DEFAULT_BATCH = 128;
    private static final AtomicLong REQUEST_COUNT = new AtomicLong();

    private final Output output;
    private final FieldRules rules;
    private final LineFormat format;
    private final boolean common;
    private final BlockingQueue<AccessLogEntry> queue;
    private final int batchSize;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final Thread writer;
    private volatile boolean closed;
    private volatile boolean reopenRequested;
    private OutputStream out;
    private boolean failing;

    private AccessLog(AccessLogSpec spec, Output output, ZoneId zone, int queueCapacity) throws IOException {
        this.output = output;
        this.rules = new FieldRules(spec.fields());
        String f = spec.format() == null ? "common" : spec.format().toLowerCase(Locale.ROOT);
        this.common = switch (f) {
            case "common" -> true;
            case "json" -> false;
            default -> throw new IllegalArgumentException(
                    "accessLog.format: \"" + spec.format() + "\" (expected common or json)");
        };
        this.format = common ? new CommonFormat(rules, zone) : new JsonFormat(rules, zone);
        int buffering = spec.bufferingSize() == null ? 0 : spec.bufferingSize();
        if (buffering < 0) {
            throw new IllegalArgumentException("accessLog.bufferingSize: " + buffering + " (expected 0 or more)");
        }
        this.batchSize = buffering > 0 ? buffering : DEFAULT_BATCH;
        this.queue = new ArrayBlockingQueue<>(queueCapacity > 0 ? queueCapacity : Math.max(8192, 4 * buffering));
        this.out = output.open();
        this.writer = Thread.ofPlatform().daemon().name("gatehouse-accesslog").unstarted(this::run);
        writer.start();
    }

    /**
     * Opens the access log {@code accessLog} describes: its file (created with its folders, appended to) or
     * standard output.
     *
     * @param spec the settings
     * @return the running access log
     * @throws IOException when the file cannot be opened
     */
    public static AccessLog open(AccessLogSpec spec) throws IOException {
        Output o;
        if (spec.filePath() == null || spec.filePath().isBlank()) {
            // Standard output is shared and must outlive the access log: closing this stream leaves it open.
            o = () -> new FileOutputStream(FileDescriptor.out) {
                @Override
                public void close() {
                }
            };
        } else {
            Path path = Path.of(spec.filePath());
            o = () -> {
                Path dir = path.toAbsolutePath().getParent();
                if (dir != null) {
                    Files.createDirectories(dir);
                }
                return new FileOutputStream(path.toFile(), true);
            };
        }
        return new AccessLog(spec, o, ZoneId.systemDefault(), 0);
    }

    /**
     * Creates an access log writing to a stream of the caller's choosing.
     *
     * @param spec          the settings ({@code filePath} is ignored)
     * @param output        opens the stream, now and on {@link #reopen()}
     * @param zone          the zone of {@code StartLocal}
     * @param queueCapacity lines that may wait for the writer; 0 for the default
     * @return the running access log
     * @throws IOException when the stream cannot be opened
     */
    public static AccessLog create(AccessLogSpec spec, Output output, ZoneId zone, int queueCapacity)
            throws IOException {
        return new AccessLog(spec, output, zone, queueCapacity);
    }

    @Override
    public void exchangeCompleted(ExchangeSummary s) {
        if (closed) {
            return;
        }
        if (!queue.offer(capture(s))) {
            dropped.increment();
        }
    }

    private AccessLogEntry capture(ExchangeSummary s) {
        RequestContext ctx = s.ctx();
        long nanos = Math.max(0, s.durationNanos());
        Instant start = Instant.now().minusNanos(nanos);
        InetSocketAddress peer = ctx == null ? null : ctx.clientAddress();
        String ip = peer == null || peer.getAddress() == null ? null : peer.getAddress().getHostAddress();
        HttpHeaders h = s.requestHeaders();
        Consumer consumer = ctx == null ? null : ctx.get(StandardAttributes.CONSUMER);
        String referer = null;
        String agent = null;
        if (common && h != null) {
            referer = clfHeader(h, "Referer");
            agent = clfHeader(h, "User-Agent");
        }
        return new AccessLogEntry(start, nanos, ip, peer == null ? -1 : peer.getPort(),
                ctx == null ? null : ctx.get(StandardAttributes.CLIENT_USERNAME), s.method(),
                s.host() == null ? "" : s.host(), redactQuery(s.uri(), ctx), s.protocol(),
                ctx != null && ctx.secure() ? "https" : "http", s.status(), s.requestBytes(), s.responseBytes(),
                REQUEST_COUNT.incrementAndGet(), ctx == null ? null : ctx.router(),
                ctx == null ? null : ctx.service(), ctx == null ? null : ctx.upstreamAddress(),
                ctx == null ? null : ctx.entryPoint(), referer, agent,
                h != null && !common && rules.anyHeader() ? headers(h) : NO_HEADERS,
                consumer == null ? null : consumer.id(), consumer == null ? null : consumer.method(),
                ctx == null ? null : ctx.get(StandardAttributes.AUTH_DECISION));
    }

    /**
     * Writes {@code REDACTED} for the values of query parameters a middleware marked as credentials (an API key
     * or a token sent in the query), so the log never holds them.
     */
    static String redactQuery(String uri, RequestContext ctx) {
        String[] secret = ctx == null ? null : ctx.get(StandardAttributes.SECRET_QUERY_PARAMETERS);
        int q = uri == null ? -1 : uri.indexOf('?');
        if (secret == null || q < 0) {
            return uri;
        }
        StringBuilder out = new StringBuilder(uri.length()).append(uri, 0, q + 1);
        String[] pairs = uri.substring(q + 1).split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            if (i > 0) {
                out.append('&');
            }
            String pair = pairs[i];
            int eq = pair.indexOf('=');
            String name = queryName(eq < 0 ? pair : pair.substring(0, eq));
            if (eq >= 0 && java.util.Arrays.asList(secret).contains(name)) {
                out.append(pair, 0, eq + 1).append(Redactor.REDACTED);
            } else {
                out.append(pair);
            }
        }
        return out.toString();
    }

    private static String queryName(String raw) {
        try {
            return java.net.URLDecoder.decode(raw, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    /**
     * The common format always has Referer and User-Agent columns (neither is a secret): only a mode the user
     * set for that header, or a {@code redact} default, changes them.
     */
    private String clfHeader(HttpHeaders h, String name) {
        String v = h.get(name);
        if (v == null) {
            return null;
        }
        HeaderMode m = rules.explicitHeader(name);
        if (m == null) {
            m = rules.headerDefault() == HeaderMode.REDACT ? HeaderMode.REDACT : HeaderMode.KEEP;
        }
        return switch (m) {
            case KEEP -> v;
            case DROP -> null;
            case REDACT -> Redactor.REDACTED;
        };
    }

    private String[] headers(HttpHeaders h) {
        List<String> pairs = new ArrayList<>();
        for (String name : h.names()) {
            if (name.isEmpty() || name.charAt(0) == ':') {
                continue;
            }
            HeaderMode m = rules.header(name);
            if (m == HeaderMode.DROP) {
                continue;
            }
            pairs.add(FieldRules.canonical(name));
            pairs.add(m == HeaderMode.REDACT ? Redactor.REDACTED : String.join(",", h.getAll(name)));
        }
        return pairs.toArray(NO_HEADERS);
    }

    /** @return lines dropped so far: the queue was full, or the write failed */
    public long droppedLines() {
        return dropped.sum();
    }

    /** @return lines written so far */
    public long writtenLines() {
        return written.sum();
    }

    /** Reopens the output before the next write, so a rotated file is let go. Does not wait. */
    public void reopen() {
        reopenRequested = true;
        queue.offer(REOPEN);
    }

    /**
     * Writes what is queued and closes the output. Waits up to five seconds for the writer.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!queue.offer(CLOSE, 5, TimeUnit.SECONDS)) {
                writer.interrupt();
            }
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<AccessLogEntry> batch = new ArrayList<>(batchSize);
        StringBuilder text = new StringBuilder(16 * 1024);
        boolean stop = false;
        while (!stop) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                stop = closed;
                continue;
            }
            queue.drainTo(batch, batchSize - 1);
            int lines = 0;
            for (AccessLogEntry e : batch) {
                if (e == CLOSE) {
                    stop = true;
                } else if (e == REOPEN) {
                    lines = write(text, lines);
                    reopenNow();
                } else {
                    format.append(e, text);
                    lines++;
                }
            }
            write(text, lines);
            batch.clear();
            if (reopenRequested) {
                reopenNow();
            }
        }
        List<AccessLogEntry> rest = new ArrayList<>();
        queue.drainTo(rest);
        int lines = 0;
        for (AccessLogEntry e : rest) {
            if (e != CLOSE && e != REOPEN) {
                format.append(e, text);
                lines++;
            }
        }
        write(text, lines);
        try {
            out.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the access log: " + e.getMessage());
        }
    }

    private int write(StringBuilder text, int lines) {
        if (lines == 0) {
            return 0;
        }
        try {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            written.add(lines);
            failing = false;
        } catch (IOException e) {
            dropped.add(lines);
            if (!failing) {
                LOG.log(Level.WARNING, "writing the access log failed; lines are dropped until it works again: "
                        + e.getMessage());
                failing = true;
            }
        }
        text.setLength(0);
        return 0;
    }

    private void reopenNow() {
        reopenRequested = false;
        try {
            OutputStream next = output.open();
            OutputStream old = out;
            out = next;
            old.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "reopening the access log failed; still writing to the old stream: "
                    + e.getMessage());
        }
    }

    private static AccessLogEntry marker() {
        return new AccessLogEntry(Instant.EPOCH, 0, null, -1, null, "", "", "", "", "", 0, 0, 0, 0, null, null,
                null, null, null, null, NO_HEADERS, null, null, null);
    }
}

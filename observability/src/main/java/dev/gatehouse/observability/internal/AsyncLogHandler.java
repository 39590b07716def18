package dev.gatehouse.observability.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * A log handler that never blocks its caller: lines are formatted on the calling thread (an event loop, often)
 * and handed to a daemon writer thread through a bounded queue; when the queue is full the line is dropped
 * and counted.
 */
public final class AsyncLogHandler extends Handler {
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(4096);
    private final LongAdder dropped = new LongAdder();
    private final OutputStream out;
    private final boolean closeStream;
    private final Thread writer;
    private volatile boolean closed;

    /**
     * Starts the writer.
     *
     * @param out         where lines go
     * @param closeStream close {@code out} on {@link #close()} (false for standard error)
     */
    public AsyncLogHandler(OutputStream out, boolean closeStream) {
        this.out = out;
        this.closeStream = closeStream;
        this.writer = Thread.ofPlatform().daemon().name("gatehouse-log").unstarted(this::run);
        writer.start();
    }

    @Override
    public void publish(LogRecord record) {
        if (closed || !isLoggable(record)) {
            return;
        }
        String line;
        try {
            line = getFormatter().format(record);
        } catch (RuntimeException e) {
            reportError("formatting a log record", e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        if (!queue.offer(line)) {
            dropped.increment();
        }
    }

    /** @return lines dropped because the writer was behind */
    public long dropped() {
        return dropped.sum();
    }

    private void run() {
        List<String> batch = new ArrayList<>(256);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                if (closed) {
                    queue.drainTo(batch);
                    writeAll(batch);
                    return;
                }
                continue;
            }
            queue.drainTo(batch, 255);
            writeAll(batch);
            batch.clear();
        }
    }

    private void writeAll(List<String> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            out.write(String.join("", batch).getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            reportError("writing the log", e, ErrorManager.WRITE_FAILURE);
        }
    }

    @Override
    public void flush() {
        // Lines are flushed by the writer after each batch.
    }

    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        try {
            writer.join(2000);
            if (closeStream) {
                out.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            reportError("closing the log", e, ErrorManager.CLOSE_FAILURE);
        }
    }
}

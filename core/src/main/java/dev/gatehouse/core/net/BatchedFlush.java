package dev.gatehouse.core.net;

import io.netty.channel.Channel;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;

/**
 * Flushes channels once the event loop has handled its current batch of ready sockets, instead of one by one
 * as each message is written.
 *
 * <p>Why: on a busy gateway one pass over the ready sockets forwards many requests and answers many responses.
 * Flushed one at a time, each write wakes its receiver (an upstream worker, a client), which may run for a single
 * message and sleep again; flushed together at the end of the pass, the receivers wake once and find several
 * messages waiting. The pass takes microseconds, so no message waits longer than that. Only the last write of a
 * message goes through here: streamed chunks (SSE, chunked bodies) are still flushed as they arrive.
 */
public final class BatchedFlush implements Runnable {
    private static final FastThreadLocal<BatchedFlush> PER_LOOP = new FastThreadLocal<>() {
        @Override
        protected BatchedFlush initialValue() {
            return new BatchedFlush();
        }
    };

    private Channel[] pending = new Channel[16];
    private Channel[] flushing = new Channel[16];
    private int size;
    private boolean scheduled;

    private BatchedFlush() {
    }

    /**
     * Flushes the channel at the end of its event loop's current pass, or now when called from another thread.
     *
     * @param ch a channel whose last write is done
     */
    public static void flushSoon(Channel ch) {
        if (!ch.eventLoop().inEventLoop()) {
            ch.flush();
            return;
        }
        PER_LOOP.get().add(ch);
    }

    private void add(Channel ch) {
        if (size > 0 && pending[size - 1] == ch) {
            return;
        }
        if (size == pending.length) {
            pending = Arrays.copyOf(pending, size * 2);
        }
        pending[size++] = ch;
        if (!scheduled) {
            scheduled = true;
            try {
                // A task runs after the loop has handled the ready sockets of this pass.
                ch.eventLoop().execute(this);
            } catch (RejectedExecutionException e) {
                run(); // the loop is shutting down: flush now
            }
        }
    }

    @Override
    public void run() {
        scheduled = false;
        // A flush can complete a write whose listener writes and flushes again: that joins the next batch.
        Channel[] batch = pending;
        int n = size;
        pending = flushing;
        flushing = batch;
        size = 0;
        for (int i = 0; i < n; i++) {
            Channel ch = batch[i];
            batch[i] = null;
            ch.flush();
        }
    }
}

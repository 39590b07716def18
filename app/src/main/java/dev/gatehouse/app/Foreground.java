package dev.gatehouse.app;

import java.util.concurrent.CountDownLatch;

/** Keeps a started gateway in the foreground until SIGTERM or SIGINT, then drains it. */
final class Foreground {
    private Foreground() {
    }

    /**
     * Blocks until the process is asked to stop; the gateway is then drained and closed.
     *
     * @param gateway the gateway
     * @param extra   more to close afterwards, or null
     */
    static void run(Gateway gateway, AutoCloseable extra) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("gatehouse: stopping, draining in-flight requests");
            gateway.close();
            if (extra != null) {
                try {
                    extra.close();
                } catch (Exception ignored) {
                    // exiting anyway
                }
            }
            stopped.countDown();
        }, "gatehouse-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

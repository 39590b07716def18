package dev.gatehouse.observability.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Process and JVM basics under the names Prometheus client libraries use, so stock dashboards work. Read at
 * scrape time; reading {@code /proc/self/status} is file access, which is why scrapes run off event loops.
 */
public final class ProcessMetrics {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMetrics() {
    }

    /**
     * Writes the process and JVM families.
     *
     * @param out where to write
     */
    public static void write(StringBuilder out) {
        long startMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
        PrometheusText.header(out, "process_start_time_seconds", "gauge",
                "Start time of the process since unix epoch in seconds.");
        out.append("process_start_time_seconds ").append(PrometheusText.number(startMillis / 1000.0)).append('\n');

        long rss = residentBytes();
        if (rss >= 0) {
            PrometheusText.header(out, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
            out.append("process_resident_memory_bytes ").append(rss).append('\n');
        }

        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun && sun.getProcessCpuTime() >= 0) {
            PrometheusText.header(out, "process_cpu_seconds_total", "counter",
                    "Total user and system CPU time spent in seconds.");
            out.append("process_cpu_seconds_total ")
                    .append(PrometheusText.number(sun.getProcessCpuTime() / 1e9)).append('\n');
        }
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            PrometheusText.header(out, "process_open_fds", "gauge", "Number of open file descriptors.");
            out.append("process_open_fds ").append(unix.getOpenFileDescriptorCount()).append('\n');
            PrometheusText.header(out, "process_max_fds", "gauge", "Maximum number of open file descriptors.");
            out.append("process_max_fds ").append(unix.getMaxFileDescriptorCount()).append('\n');
        }

        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        memory(out, "jvm_memory_used_bytes", "Used bytes of a given JVM memory area.", heap.getUsed(),
                nonHeap.getUsed());
        memory(out, "jvm_memory_committed_bytes", "Committed bytes of a given JVM memory area.",
                heap.getCommitted(), nonHeap.getCommitted());
        memory(out, "jvm_memory_max_bytes", "Max bytes of a given JVM memory area (-1 when undefined).",
                heap.getMax(), nonHeap.getMax());
        PrometheusText.header(out, "jvm_threads_current", "gauge", "Current thread count of the JVM.");
        out.append("jvm_threads_current ").append(ManagementFactory.getThreadMXBean().getThreadCount())
                .append('\n');
    }

    private static void memory(StringBuilder out, String name, String help, long heap, long nonHeap) {
        PrometheusText.header(out, name, "gauge", help);
        out.append(name).append("{area=\"heap\"} ").append(heap).append('\n');
        out.append(name).append("{area=\"nonheap\"} ").append(nonHeap).append('\n');
    }

    /** @return the resident set size from {@code /proc/self/status}, or -1 when it cannot be read */
    static long residentBytes() {
        try {
            if (!Files.isReadable(STATUS)) {
                return -1;
            }
            List<String> lines = Files.readAllLines(STATUS);
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    long value = Long.parseLong(parts[0]);
                    return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}

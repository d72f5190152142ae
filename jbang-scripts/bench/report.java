///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.soak:soak-lib:0.1.0-SNAPSHOT
//DEPS info.picocli:picocli:4.7.7
//JAVA_OPTIONS -Xmx1g

import dev.soak.report.Analyze;
import dev.soak.report.SyntheticRun;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole report of long runs (load the run directory, analyse, write report.txt / .json / .html and the plots), in
 * this script's 1 GB heap as soak.java has: wall time and heap per run length: the sum of each heap pool's own peak
 * (an upper bound: the pools peak at different times, so it can exceed the heap) and the most the heap held right
 * after a collection (what the report kept live, at the collections there were). The runs are synthetic
 * ({@code SyntheticRun}: resource samples and load intervals every {@code --sample-sec}, two operations with their
 * latency histograms in latency.hlog).
 *
 * <p>How to run: {@code jbang-scripts/bench/report.java --hours 24,168 --sample-sec 10}. What you will see: a line per
 * run length (intervals, seconds to write the run, seconds to report, the two heap figures in MB, exit code). A week
 * of 1 s intervals ({@code --hours 168 --sample-sec 1}) takes about 1 GB of disk and minutes to write.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Times the full report of synthetic runs of several lengths in a 1 GB heap and shows its peak heap.")
class report implements Callable<Integer> {
    @Option(names = "--hours", split = ",", defaultValue = "24,168", description = "Run lengths in hours (default: ${DEFAULT-VALUE}).")
    double[] hours;

    @Option(names = "--sample-sec", defaultValue = "10", description = "Sample and load interval in seconds (default: ${DEFAULT-VALUE}).")
    double sampleSec;

    @Option(names = "--dir", description = "Where to write the runs (default: a temporary directory, deleted after).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Path root = dir != null ? dir : Files.createTempDirectory("soak-bench-report");
        long[] liveAfterGc = {0};
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, hb) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    long used = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo()
                            .getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
                    synchronized (liveAfterGc) {
                        liveAfterGc[0] = Math.max(liveAfterGc[0], used);
                    }
                }
            }, null, null);
        }
        System.out.printf(Locale.ROOT, "%8s %10s %9s %10s %13s %14s %5s%n", "hours", "intervals", "write_s", "report_s",
                "peak_heap_mb", "live_after_gc", "exit");
        for (double h : hours) {
            Path run = root.resolve("run-" + h + "h-" + sampleSec + "s");
            long t0 = System.nanoTime();
            SyntheticRun.write(run, new SyntheticRun.Spec("bench", h * 3600, sampleSec, sampleSec, 0, 0, 5, 50, 1, false, 80));
            long t1 = System.nanoTime();
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            synchronized (liveAfterGc) {
                liveAfterGc[0] = 0;
            }
            Analyze.Result r = Analyze.run(Analyze.Options.of(run));
            long t2 = System.nanoTime();
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            long live;
            synchronized (liveAfterGc) {
                live = liveAfterGc[0];
            }
            System.out.printf(Locale.ROOT, "%8.1f %10.0f %9.1f %10.1f %13.0f %14.0f %5d%n", h, h * 3600 / sampleSec,
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, peak / 1048576.0, live / 1048576.0, r.exitCode());
        }
        if (dir == null) {
            try (var files = Files.walk(root)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    public static void main(String... args) { System.exit(new CommandLine(new report()).execute(args)); }
}

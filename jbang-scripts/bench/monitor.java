///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.soak:soak-lib:0.1.0-SNAPSHOT
//DEPS info.picocli:picocli:4.7.7

import dev.soak.monitor.LinuxProcProbe;
import dev.soak.monitor.OshiProbe;
import dev.soak.monitor.ProcessStats;
import dev.soak.monitor.ResourceMonitor;
import dev.soak.monitor.ResourceSampler;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Cost of one resource snapshot of a process with 1,000 open fds and 200 threads, three ways side
 * by side in one run: Soak's /proc probe ({@code ResourceMonitor.sample()}, every field), the seed's
 * {@code ps -o rss,vsz,nlwp,%cpu -p PID} (a process start per sample), and OSHI alone
 * ({@code OSProcess.updateAttributes()}); then the CPU cost of sampling once a second
 * (sampler-thread CPU time / wall time).
 *
 * <p>How to run: {@code ./jbang jbang-scripts/bench/monitor.java} (about a minute). What you will
 * see: a table of median / p99 / mean milliseconds per snapshot per method, then the sampling
 * overhead in % of one core. Targets: median ≤ 5 ms, overhead < 0.5 %. Figures on a shared 2-core
 * machine vary by tens of percent between runs; compare medians from the same run.
 */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = "Benchmark one resource snapshot (/proc probe vs ps vs OSHI) and the CPU overhead of sampling once a second.")
public class monitor implements Callable<Integer> {

    @Option(names = "--fds", defaultValue = "1000", description = "open files the child holds (default ${DEFAULT-VALUE})")
    int fds;

    @Option(names = "--threads", defaultValue = "200", description = "parked threads the child starts (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--connections", defaultValue = "10", description = "loopback TCP connections the child holds to itself (default ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--iterations", defaultValue = "2000", description = "snapshots per in-process method (default ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--ps-iterations", defaultValue = "300", description = "ps invocations (each starts a process; default ${DEFAULT-VALUE})")
    int psIterations;

    @Option(names = "--overhead-sec", defaultValue = "60", description = "seconds of once-a-second sampling for the overhead figure (default ${DEFAULT-VALUE})")
    int overheadSec;

    @Option(names = "--child", hidden = true, description = "internal: run as the benchmark's target process")
    boolean child;

    public static void main(String[] args) { System.exit(new CommandLine(new monitor()).execute(args)); }

    @Override
    public Integer call() throws Exception {
        if (child) {
            return runChild();
        }
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "-Xss256k"));
        String source = System.getProperty("jdk.launcher.sourcefile");
        cmd.add(source != null ? source : monitor.class.getName());
        cmd.addAll(List.of("--child", "--fds", "" + fds, "--threads", "" + threads, "--connections", "" + connections));
        Process target = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(target.getInputStream(), StandardCharsets.UTF_8));
            String ready = r.readLine();
            if (ready == null || !ready.startsWith("ready")) {
                System.err.println("benchmark target did not start: " + ready);
                return 1;
            }
            long pid = target.pid();
            ProcessStats s = new LinuxProcProbe().read(pid).orElseThrow();
            System.out.printf(Locale.ROOT, "target pid %d: open_fds %.0f, threads %.0f, network_connections %.0f, rss_mb %.1f, pss_mb %.1f%n",
                    pid, s.openFds(), s.threads(), s.networkConnections(), s.rssMb(), s.pssMb());

            // the per-second snapshot (costly fields every 30 s, the default) and the full one (every field)
            ResourceMonitor procMonitor = ResourceMonitor.builder(pid).probe(new LinuxProcProbe())
                    .costlyInterval(Duration.ofDays(1)).build();
            ResourceMonitor fullMonitor = ResourceMonitor.builder(pid).probe(new LinuxProcProbe())
                    .costlyInterval(Duration.ZERO).build();
            ResourceMonitor fullTreeMonitor = ResourceMonitor.builder(pid).probe(new LinuxProcProbe())
                    .includeDescendants(true).costlyInterval(Duration.ZERO).build();
            ResourceMonitor treeMonitor = ResourceMonitor.builder(pid).probe(new LinuxProcProbe())
                    .includeDescendants(true).costlyInterval(Duration.ofDays(1)).build();
            OSProcess oshi = new SystemInfo().getOperatingSystem().getProcess((int) pid);
            OshiProbe oshiProbe = new OshiProbe();
            ThreadMXBean tmx = ManagementFactory.getThreadMXBean();

            // warm up every path (JIT, page cache, OSHI's lazy init)
            for (int i = 0; i < 300; i++) {
                procMonitor.sample();
                oshi.updateAttributes();
            }
            for (int i = 0; i < 20; i++) {
                ps(pid);
                oshiProbe.read(pid);
                fullMonitor.sample();
                treeMonitor.sample();
                fullTreeMonitor.sample();
            }
            // interleaved in blocks, so load on the shared machine hits every method alike
            long[] proc = new long[iterations];
            long[] procCpu = new long[iterations];
            long[] osh = new long[iterations];
            long[] psT = new long[psIterations];
            int oshiProbeN = Math.max(20, iterations / 20);
            long[] oshiFull = new long[oshiProbeN];
            int fullN = Math.max(20, iterations / 10);
            long[] full = new long[fullN];
            long[] fullCpu = new long[fullN];
            int fi = 0;
            long[] tree = new long[fullN];
            long[] fullTree = new long[fullN];
            int ti = 0;
            int block = 100;
            int pi = 0;
            int oi = 0;
            for (int i = 0; i < iterations; i += block) {
                for (int k = i; k < Math.min(iterations, i + block); k++) {
                    long c0 = tmx.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    procMonitor.sample().orElseThrow();
                    proc[k] = System.nanoTime() - t0;
                    procCpu[k] = tmx.getCurrentThreadCpuTime() - c0;
                }
                for (int k = i; k < Math.min(iterations, i + block); k++) {
                    long t0 = System.nanoTime();
                    oshi.updateAttributes();
                    osh[k] = System.nanoTime() - t0;
                }
                for (int k = 0; k < psIterations * block / iterations && pi < psIterations; k++) {
                    long t0 = System.nanoTime();
                    ps(pid);
                    psT[pi++] = System.nanoTime() - t0;
                }
                for (int k = 0; k < fullN * block / iterations && fi < fullN; k++) {
                    long c0 = tmx.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    fullMonitor.sample().orElseThrow();
                    full[fi] = System.nanoTime() - t0;
                    fullCpu[fi++] = tmx.getCurrentThreadCpuTime() - c0;
                }
                for (int k = 0; k < fullN * block / iterations && ti < fullN; k++) {
                    long t0 = System.nanoTime();
                    treeMonitor.sample().orElseThrow();
                    tree[ti] = System.nanoTime() - t0;
                    t0 = System.nanoTime();
                    fullTreeMonitor.sample().orElseThrow();
                    fullTree[ti++] = System.nanoTime() - t0;
                }
                for (int k = 0; k < oshiProbeN * block / iterations && oi < oshiProbeN; k++) {
                    long t0 = System.nanoTime();
                    oshiProbe.read(pid).orElseThrow();
                    oshiFull[oi++] = System.nanoTime() - t0;
                }
            }
            System.out.println();
            System.out.println("one snapshot, milliseconds            n     median      p99     mean");
            row("soak /proc, per-second fields", proc);
            row("  its CPU time", procCpu);
            row("soak /proc, costly: + pss, connections", Arrays.copyOf(full, fi));
            row("  its CPU time", Arrays.copyOf(fullCpu, fi));
            row("soak /proc, per-second, with children", Arrays.copyOf(tree, ti));
            row("  costly + re-scan of the process tree", Arrays.copyOf(fullTree, ti));
            row("ps -o rss,vsz,nlwp,%cpu -p PID", Arrays.copyOf(psT, pi));
            row("OSHI OSProcess.updateAttributes", osh);
            row("OshiProbe (OSHI + connection table)", Arrays.copyOf(oshiFull, oi));

            double overheadPct = overhead(pid, tmx);
            System.out.printf(Locale.ROOT, "%nsampling once a second for %d s (costly fields every 30 s): %.4f %% of one core (sampler thread CPU / wall)%n",
                    overheadSec, overheadPct);
            double median = percentile(proc, 0.5) / 1e6;
            System.out.printf(Locale.ROOT, "targets: snapshot median %.3f ms <= 5 ms: %s; overhead %.4f %% < 0.5 %%: %s%n",
                    median, median <= 5 ? "met" : "MISSED", overheadPct, overheadPct < 0.5 ? "met" : "MISSED");
            return 0;
        } finally {
            target.getOutputStream().close();
            target.destroyForcibly();
        }
    }

    /** Runs a real 1 s sampler on a thread we own and measures that thread's CPU time. */
    private double overhead(long pid, ThreadMXBean tmx) throws InterruptedException {
        AtomicLong threadId = new AtomicLong(-1);
        ScheduledThreadPoolExecutor exec = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "bench-sampler");
            t.setDaemon(true);
            threadId.set(t.getId());
            return t;
        });
        AtomicLong samples = new AtomicLong();
        ResourceMonitor m = ResourceMonitor.builder(pid).build();
        ResourceSampler sampler = ResourceSampler.builder(m).interval(Duration.ofSeconds(1)).scheduler(exec)
                .onSample(x -> samples.incrementAndGet()).build();
        long t0 = System.nanoTime();
        sampler.start();
        Thread.sleep(200); // the thread exists after the first tick is scheduled
        long c0 = 0; // the thread's CPU includes the first tick: counted on purpose
        Thread.sleep(overheadSec * 1000L - 200);
        long cpu = tmx.getThreadCpuTime(threadId.get()) - c0;
        long wall = System.nanoTime() - t0;
        sampler.stop();
        exec.shutdownNow();
        System.out.printf(Locale.ROOT, "%nsampler: %d samples, thread CPU %.1f ms over %.1f s wall%n", samples.get(), cpu / 1e6, wall / 1e9);
        return 100.0 * cpu / wall;
    }

    private static void ps(long pid) throws Exception {
        Process p = new ProcessBuilder("ps", "-o", "rss=,vsz=,nlwp=,%cpu=", "-p", Long.toString(pid)).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        p.waitFor();
        if (out.split("\\s+").length != 4) {
            throw new IllegalStateException("unexpected ps output: " + out);
        }
    }

    private static void row(String name, long[] nanos) {
        System.out.printf(Locale.ROOT, "%-38s %5d %9.3f %9.3f %8.3f%n", name, nanos.length,
                percentile(nanos, 0.5) / 1e6, percentile(nanos, 0.99) / 1e6, Arrays.stream(nanos).average().orElse(Double.NaN) / 1e6);
    }

    private static double percentile(long[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        long[] s = values.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
    }

    /** The target: holds fds, threads and loopback connections until stdin closes. */
    private int runChild() throws Exception {
        List<Object> held = new ArrayList<>();
        for (int i = 0; i < fds; i++) {
            held.add(new FileInputStream("/dev/null"));
        }
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> { while (true) { LockSupport.park(); } });
            t.setDaemon(true);
            t.start();
        }
        ServerSocket server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        held.add(server);
        for (int i = 0; i < connections; i++) {
            held.add(new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort()));
            held.add(server.accept());
        }
        System.out.println("ready " + held.size());
        System.in.transferTo(java.io.OutputStream.nullOutputStream());
        return 0;
    }
}

///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.soak:soak-lib:0.1.0-SNAPSHOT
//DEPS info.picocli:picocli:4.7.7

import dev.soak.reference.EmbeddedTarget;
import dev.soak.reference.ReferenceServerOptions;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stability benchmark of the reference server with no fault: starts it as a child process
 * ({@link EmbeddedTarget}, the embedded target's JVM flags), drives a fixed-rate open-model mix of
 * store / recall / search over raw HTTP/1.1 keep-alive sockets (latency measured from the intended
 * start, so stalls are not hidden), and once a second writes RSS, heap after GC, threads, fds, ops,
 * errors and latency percentiles to a CSV. At the end it prints the OLS and Theil–Sen slopes after
 * the warm-up: RSS and heap-after-GC (per-30-s-window minimum) in MiB/h, p99 in %/h (slope of ln p99).
 *
 * How to run: {@code ./jbang jbang-scripts/bench/reference-stability.java --duration-sec 1800 --csv runs/ref.csv}
 * What you will see: RSS rising for the first minutes while the store's rings fill, then flat.
 */
@Command(name = "reference-stability", mixinStandardHelpOptions = true,
        description = "Drive the reference server at a fixed rate and record its RSS, heap after GC and latency once a second.")
public class reference_stability implements Callable<Integer> {
    @Option(names = "--duration-sec", defaultValue = "1800", description = "Run length in seconds (default ${DEFAULT-VALUE}).")
    double durationSec;
    @Option(names = "--warmup-sec", defaultValue = "300", description = "Seconds left out of the slopes (default ${DEFAULT-VALUE}).")
    double warmupSec;
    @Option(names = "--rate", defaultValue = "500", description = "Operations per second (default ${DEFAULT-VALUE}).")
    double rate;
    @Option(names = "--dim", defaultValue = "768", description = "Embedding dimension (default ${DEFAULT-VALUE}).")
    int dim;
    @Option(names = "--spaces", defaultValue = "2", description = "Memory spaces used (default ${DEFAULT-VALUE}).")
    int spaces;
    @Option(names = "--store-weight", defaultValue = "0.4", description = "Share of stores (default ${DEFAULT-VALUE}).")
    double storeWeight;
    @Option(names = "--recall-weight", defaultValue = "0.35", description = "Share of recalls (default ${DEFAULT-VALUE}).")
    double recallWeight;
    @Option(names = "--connections", defaultValue = "16", description = "Keep-alive connections / worker threads (default ${DEFAULT-VALUE}).")
    int connections;
    @Option(names = "--csv", defaultValue = "reference-stability.csv", description = "CSV written once a second (default ${DEFAULT-VALUE}).")
    Path csv;
    @Option(names = "--log", defaultValue = "reference-stability.log", description = "The server's stdout/stderr (default ${DEFAULT-VALUE}).")
    Path log;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of the operation mix and embeddings (default ${DEFAULT-VALUE}).")
    long seed;

    public static void main(String... args) {
        System.exit(new CommandLine(new reference_stability()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        var options = ReferenceServerOptions.builder().embeddingDim(dim).build();
        try (EmbeddedTarget target = EmbeddedTarget.start(options, log, Duration.ofSeconds(60))) {
            System.out.printf(Locale.ROOT, "target pid %d at %s; %.0f ops/s for %.0f s; CSV %s%n",
                    target.pid(), target.endpoint(), rate, durationSec, csv);
            return drive(target);
        }
    }

    private int drive(EmbeddedTarget target) throws Exception {
        SplittableRandom rnd = new SplittableRandom(seed);
        int pool = 512;
        String[] bodies = new String[pool];
        String[] recalls = new String[pool];
        String[] words = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"};
        for (int i = 0; i < pool; i++) {
            float[] v = new float[dim];
            int cluster = i % 16;
            for (int j = 0; j < dim; j++) {
                v[j] = (float) ((j % 16 == cluster ? 1.0 : 0.0) + 0.2 * rnd.nextGaussian());
            }
            String arr = Arrays.toString(v).replace(" ", "");
            String content = words[rnd.nextInt(words.length)] + " " + words[rnd.nextInt(words.length)] + " memory " + i;
            bodies[i] = "{\"content\":\"" + content + "\",\"embedding\":" + arr + ",\"confidence\":0.8}";
            recalls[i] = "/api/v1/memories/recall?threshold=0.5&max_results=10&embedding="
                    + URLEncoder.encode(arr, StandardCharsets.UTF_8);
        }
        URI ep = target.endpoint();
        long periodNanos = (long) (1e9 / rate);
        long start = System.nanoTime() + 200_000_000L;
        long end = start + (long) (durationSec * 1e9);
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong ops = new AtomicLong();
        Recorder latency = new Recorder(3);
        Recorder service = new Recorder(3);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            Thread t = new Thread(() -> {
                RawHttp http = null;
                while (true) {
                    long i = next.getAndIncrement();
                    long intended = start + i * periodNanos;
                    if (intended >= end) {
                        break;
                    }
                    long wait = intended - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    long mix = FaultFreeMix.hash(seed, i);
                    double u = (mix >>> 11) * 0x1.0p-53;
                    int k = (int) ((mix & 0x7fffffff) % pool);
                    String space = "space" + (k % spaces);
                    long sent = System.nanoTime();
                    int status;
                    try {
                        if (http == null) {
                            http = new RawHttp(ep.getHost(), ep.getPort());
                        }
                        if (u < storeWeight) {
                            status = http.request("POST", "/api/v1/memories/remember", space, bodies[k]);
                        } else if (u < storeWeight + recallWeight) {
                            status = http.request("GET", recalls[k] + "&space=" + space, space, null);
                        } else {
                            status = http.request("GET", "/api/v1/memories/search?limit=10&query=" + words[k % words.length]
                                    + "+" + words[(k / 7) % words.length], space, null);
                        }
                    } catch (IOException e) {
                        status = -1;
                        if (http != null) {
                            http.close();
                        }
                        http = null;
                    }
                    long done = System.nanoTime();
                    if (status < 200 || status >= 300) {
                        errors.incrementAndGet();
                    }
                    ops.incrementAndGet();
                    latency.recordValue(Math.max(1, (done - intended) / 1000));
                    service.recordValue(Math.max(1, (done - sent) / 1000));
                }
                if (http != null) {
                    http.close();
                }
            }, "load-" + w);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }

        Files.createDirectories(csv.toAbsolutePath().getParent());
        List<double[]> rows = new ArrayList<>();
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv))) {
            out.println("t_sec,rss_mb,heap_after_gc_mb,heap_used_mb,threads,open_fds,ops,errors,"
                    + "p50_ms,p99_ms,max_ms,service_p50_ms,service_p99_ms,cpu_sec,heap_after_major_gc_mb,major_gcs,nonheap_used_mb,heap_committed_mb");
            RawHttp scrape = new RawHttp(ep.getHost(), ep.getPort());
            long tick = start;
            long lastOps = 0;
            long lastErrors = 0;
            Histogram lat = null;
            Histogram svc = null;
            while (tick < end) {
                tick += 1_000_000_000L;
                long wait = tick - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (!target.isAlive()) {
                    System.out.println("target exited with code " + target.process().exitValue());
                    return 1;
                }
                lat = latency.getIntervalHistogram(lat);
                svc = service.getIntervalHistogram(svc);
                String metrics;
                try {
                    metrics = scrape.get("/metrics/prometheus");
                } catch (IOException e) {
                    scrape.close();
                    scrape = new RawHttp(ep.getHost(), ep.getPort());
                    metrics = "";
                }
                double tSec = (System.nanoTime() - start) / 1e9;
                long o = ops.get();
                long e = errors.get();
                double[] row = {tSec, statusKb(target.pid(), "VmRSS") / 1024.0,
                        metric(metrics, "jvm_memory_heap_after_gc_bytes") / 1048576.0,
                        metric(metrics, "jvm_memory_used_bytes{area=\"heap\"}") / 1048576.0,
                        statusKb(target.pid(), "Threads"), fds(target.pid()), o - lastOps, e - lastErrors,
                        lat.getValueAtPercentile(50) / 1000.0, lat.getValueAtPercentile(99) / 1000.0,
                        lat.getMaxValue() / 1000.0, svc.getValueAtPercentile(50) / 1000.0,
                        svc.getValueAtPercentile(99) / 1000.0, cpuSec(target.pid()),
                        metric(metrics, "jvm_memory_heap_after_major_gc_bytes") / 1048576.0,
                        metric(metrics, "jvm_gc_major_collections_total"),
                        metric(metrics, "jvm_memory_used_bytes{area=\"nonheap\"}") / 1048576.0,
                        metric(metrics, "jvm_memory_committed_bytes{area=\"heap\"}") / 1048576.0};
                lastOps = o;
                lastErrors = e;
                rows.add(row);
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", row[i]));
                }
                out.println(sb);
                out.flush();
                if (rows.size() % 60 == 0) {
                    System.out.printf(Locale.ROOT, "t=%5.0fs rss=%.1f MiB heapAfterGc=%.1f MiB threads=%.0f fds=%.0f ops/s=%.0f errors=%.0f p99=%.2f ms%n",
                            row[0], row[1], row[2], row[4], row[5], row[6], row[7], row[9]);
                }
            }
            scrape.close();
        }
        for (Thread t : workers) {
            t.join(5000);
        }
        summarize(rows);
        return 0;
    }

    private void summarize(List<double[]> rows) {
        List<double[]> after = rows.stream().filter(r -> r[0] >= warmupSec).toList();
        if (after.size() < 10) {
            System.out.println("too few samples after the warm-up for slopes");
            return;
        }
        int n = after.size();
        double[] t = new double[n];
        double[] rss = new double[n];
        double[] lnP99 = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = after.get(i)[0] / 3600.0;
            rss[i] = after.get(i)[1];
            lnP99[i] = Math.log(Math.max(after.get(i)[9], 1e-3));
        }
        // heap after GC: lower envelope, the minimum per 30-s window
        List<double[]> env = new ArrayList<>();
        for (int i = 0; i < n; i += 30) {
            double min = Double.POSITIVE_INFINITY;
            for (int j = i; j < Math.min(n, i + 30); j++) {
                if (!Double.isNaN(after.get(j)[2])) {
                    min = Math.min(min, after.get(j)[2]);
                }
            }
            if (min < Double.POSITIVE_INFINITY) {
                env.add(new double[] {after.get(Math.min(n - 1, i + 15))[0] / 3600.0, min});
            }
        }
        double[] et = env.stream().mapToDouble(r -> r[0]).toArray();
        double[] ev = env.stream().mapToDouble(r -> r[1]).toArray();
        double ops = after.stream().mapToDouble(r -> r[6]).sum();
        double errs = after.stream().mapToDouble(r -> r[7]).sum();
        double cpu = after.get(n - 1)[13] - after.get(0)[13];
        System.out.printf(Locale.ROOT, "after %.0f s of warm-up, %d samples, %.0f ops (%.1f ops/s), %.0f errors, "
                + "server CPU %.1f s (%.0f us/op, %.0f %% of one core)%n",
                warmupSec, n, ops, ops / (n), errs, cpu, cpu / ops * 1e6, cpu / (after.get(n - 1)[0] - after.get(0)[0]) * 100);
        System.out.printf(Locale.ROOT, "RSS            mean %.1f MiB   OLS %+.2f MiB/h   Theil-Sen %+.2f MiB/h%n",
                mean(rss), ols(t, rss), theilSen(t, rss));
        System.out.printf(Locale.ROOT, "heap after GC  mean %.1f MiB   OLS %+.2f MiB/h   Theil-Sen %+.2f MiB/h (30-s minima)%n",
                mean(ev), ols(et, ev), theilSen(et, ev));
        List<double[]> major = new ArrayList<>();
        double lastMajor = Double.NaN;
        for (double[] r : after) {
            if (!Double.isNaN(r[15]) && r[15] != lastMajor) {
                major.add(new double[] {r[0] / 3600.0, r[14]});
                lastMajor = r[15];
            }
        }
        double[] mt = major.stream().mapToDouble(r -> r[0]).toArray();
        double[] mv = major.stream().mapToDouble(r -> r[1]).toArray();
        System.out.printf(Locale.ROOT, "after major GC mean %.1f MiB   OLS %+.2f MiB/h   Theil-Sen %+.2f MiB/h (%d major GCs seen)%n",
                mean(mv), ols(mt, mv), theilSen(mt, mv), major.size());
        System.out.printf(Locale.ROOT, "p99 latency    median %.2f ms   OLS %+.1f %%/h   Theil-Sen %+.1f %%/h (slope of ln p99)%n",
                Math.exp(median(lnP99)), Math.expm1(ols(t, lnP99)) * 100, Math.expm1(theilSen(t, lnP99)) * 100);
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double ols(double[] x, double[] y) {
        if (x.length < 2) {
            return Double.NaN;
        }
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }

    /** Theil (1950), Sen (1968): median of the pairwise slopes; O(n²), fine for a few thousand points. */
    private static double theilSen(double[] x, double[] y) {
        int n = x.length;
        double[] s = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (x[j] != x[i]) {
                    s[k++] = (y[j] - y[i]) / (x[j] - x[i]);
                }
            }
        }
        return median(Arrays.copyOf(s, k));
    }

    private static double metric(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static double statusKb(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(key + ":")) {
                    return Double.parseDouble(line.substring(key.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return Double.NaN;
    }

    /** utime + stime of a process in seconds (assumes 100 clock ticks per second, Linux' USER_HZ). */
    private static double cpuSec(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double fds(long pid) {
        String[] l = new java.io.File("/proc/" + pid + "/fd").list();
        return l == null ? Double.NaN : l.length;
    }

    /** The operation mix: splitmix64 of (seed, i), so a run is reproducible. */
    static final class FaultFreeMix {
        static long hash(long seed, long i) {
            long z = seed * 0x9E3779B97F4A7C15L + i + 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }

    /** A minimal HTTP/1.1 keep-alive client on one socket (fixed-length bodies only). Not thread-safe. */
    static final class RawHttp {
        private final String host;
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        RawHttp(String host, int port) throws IOException {
            this.host = host;
            this.socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream(), 65536);
        }

        int request(String method, String path, String space, String body) throws IOException {
            byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nX-Memory-Space: " + space
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + b.length + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(b);
            out.flush();
            return readResponse(null);
        }

        String get(String path) throws IOException {
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            StringBuilder sb = new StringBuilder();
            readResponse(sb);
            return sb.toString();
        }

        private int readResponse(StringBuilder body) throws IOException {
            String status = line();
            int code = Integer.parseInt(status.split(" ")[1]);
            int length = 0;
            String l;
            while (!(l = line()).isEmpty()) {
                int c = l.indexOf(':');
                if (c > 0 && l.substring(0, c).trim().equalsIgnoreCase("Content-Length")) {
                    length = Integer.parseInt(l.substring(c + 1).trim());
                }
            }
            byte[] b = in.readNBytes(length);
            if (b.length < length) {
                throw new IOException("connection closed mid-body");
            }
            if (body != null) {
                body.append(new String(b, StandardCharsets.UTF_8));
            }
            return code;
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    sb.append((char) c);
                }
            }
            return sb.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}

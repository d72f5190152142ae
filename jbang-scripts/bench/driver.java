///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.soak:soak-lib:0.1.0-SNAPSHOT
//DEPS info.picocli:picocli:4.7.7
//DEPS org.apache.httpcomponents.client5:httpclient5:5.1.3

import com.sun.net.httpserver.HttpServer;
import dev.soak.load.LoadDriver;
import dev.soak.scenario.AbortConditions;
import dev.soak.scenario.ArrivalPattern;
import dev.soak.scenario.DataSpec;
import dev.soak.scenario.EmbeddingDistribution;
import dev.soak.scenario.FaultSpec;
import dev.soak.scenario.HttpRequestTemplate;
import dev.soak.scenario.Operations;
import dev.soak.scenario.Scenario;
import dev.soak.scenario.SoakSettings;
import dev.soak.scenario.TargetSpec;
import dev.soak.scenario.Thresholds;
import dev.soak.scenario.ValidationSpec;
import dev.soak.tls.TlsTrust;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Benchmarks the Soak load driver side by side with wrk on one loopback endpoint.
 *
 * <p>How to run. Endpoint: Debian's nginx returning 200 ({@code apt-get install -y wrk nginx-light}),
 * started as {@code nginx -c /tmp/n/nginx.conf -p /tmp/n} with
 * <pre>
 * daemon off; worker_processes 2; pid /tmp/n/nginx.pid; error_log /tmp/n/error.log;
 * events { worker_connections 4096; }
 * http { access_log off; keepalive_requests 100000000; keepalive_timeout 300s;
 *        server { listen 127.0.0.1:18089; location / { return 200 "ok\n"; } } }
 * </pre>
 * then {@code jbang-scripts/bench/driver.java --endpoint http://127.0.0.1:18089/ --seconds 15 --repeats 3}
 * ({@code --modes max,accuracy,stall,heap,clients}; the stall mode starts its own stalling server).
 *
 * <p>Plain vs TLS ({@code --modes tls}): the same nginx also listening with TLS, e.g. a second server
 * block {@code server { listen 127.0.0.1:18443 ssl; ssl_certificate /tmp/n/cert.pem;
 * ssl_certificate_key /tmp/n/key.pem; location / { return 200 "ok\n"; } }} with a self-signed EC
 * certificate ({@code openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2
 * -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout key.pem -out cert.pem}), then
 * {@code --modes tls --tls-endpoint https://127.0.0.1:18443/ --tls-ca-file /tmp/n/cert.pem}: per repeat
 * the driver's max rate and CPU per request over plain HTTP and over TLS back to back, then corrected
 * latency at a fixed 1,000/s over both (new connections, so the handshakes are in it). Measured on
 * this machine (2 cores, 24 GiB, shared: load ~3.5; nginx 2 workers, EC P-256 certificate, TLS 1.3;
 * 64 in flight, 10 s runs, 3 repeats, medians): plain 62,400 req/s at 11.9 µs CPU/req, TLS 36,600
 * req/s at 19.3 µs CPU/req (1.6x); at 1,000/s corrected p50 0.13 ms plain, 0.21 ms TLS.
 *
 * <p>What you will see: per mode one line per run, and for {@code max} a median line. On a shared
 * machine the absolute figures are noisy; compare the driver and wrk of the same repeat (they run
 * back to back) and quote medians. CPU: the driver's from {@code ProcessHandle} total CPU time of
 * this JVM (all threads, JIT and GC included), wrk's from the wrapping shell's {@code cutime +
 * cstime} in {@code /proc/<pid>/stat}.
 */
@Command(name = "driver", mixinStandardHelpOptions = true,
        description = "Benchmark the Soak load driver against wrk: max rate and CPU/request, rate accuracy, "
                + "stall (corrected vs uncorrected p99), heap after GC.")
public class driver implements Callable<Integer> {
    @Option(names = "--endpoint", description = "Loopback HTTP endpoint returning 200 (e.g. nginx).",
            defaultValue = "http://127.0.0.1:18089/")
    URI endpoint;

    @Option(names = "--modes", split = ",", description = "Which parts to run: max, accuracy, stall, heap, clients "
            + "(closed-loop comparison of the candidate HTTP clients with wrk), tls (plain vs --tls-endpoint).",
            defaultValue = "max,accuracy,stall,heap")
    List<String> modes;

    @Option(names = "--seconds", description = "Length of each measured run, seconds.", defaultValue = "15")
    int seconds;

    @Option(names = "--repeats", description = "Repeats of the max-rate comparison (medians are reported).",
            defaultValue = "3")
    int repeats;

    @Option(names = "--connections", description = "Connections (wrk -c) = driver max in flight.", defaultValue = "64")
    int connections;

    @Option(names = "--io-threads", description = "Driver selector threads.", defaultValue = "1")
    int ioThreads;

    @Option(names = "--wrk-threads", description = "wrk -t.", defaultValue = "2")
    int wrkThreads;

    @Option(names = "--heap-requests", description = "Requests between the two heap-after-GC readings.",
            defaultValue = "10000000")
    long heapRequests;

    @Option(names = "--stall-seconds", description = "Length of the stall run, seconds.", defaultValue = "30")
    int stallSeconds;

    @Option(names = "--tls-endpoint", description = "For --modes tls: the same server over HTTPS.",
            defaultValue = "https://127.0.0.1:18443/")
    URI tlsEndpoint;

    @Option(names = "--tls-ca-file", description = "For --modes tls: PEM certificate(s) to trust for --tls-endpoint "
            + "(default: trust any, as tls_insecure = true).")
    Path tlsCaFile;

    /** Trust for the driver's scenario (the tls mode switches it with the endpoint). */
    TlsTrust trust = TlsTrust.DEFAULT;

    public static void main(String[] args) { System.exit(new CommandLine(new driver()).execute(args)); }

    static Scenario scenario(ArrivalPattern arrival, URI endpoint) {
        return scenario(arrival, endpoint, TlsTrust.DEFAULT);
    }

    static Scenario scenario(ArrivalPattern arrival, URI endpoint, TlsTrust trust) {
        HttpRequestTemplate t = new HttpRequestTemplate("get", 1, "GET", "/", "", Map.of(), List.of());
        TargetSpec target = new TargetSpec(TargetSpec.TargetKind.HTTP, endpoint, OptionalLong.empty(), Optional.empty(),
                List.of(), "/", 30, FaultSpec.none(), trust);
        SoakSettings soak = new SoakSettings(3600, 60, 1, OptionalDouble.empty(), 1, AbortConditions.none(),
                Thresholds.defaults());
        return new Scenario("bench", "", 3600, OptionalDouble.empty(), arrival, new Operations(Map.of("get", 1.0), List.of(t)),
                new DataSpec(0, 8, 1, new EmbeddingDistribution.Uniform()), ValidationSpec.none(), false, target, soak);
    }

    @Option(names = "--verbose", description = "Print CPU seconds per thread of each driver run.")
    boolean verbose;

    static Map<String, Long> threadCpu() {
        var mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> m = new java.util.TreeMap<>();
        for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null) {
                long t = mx.getThreadCpuTime(info.getThreadId());
                String name = info.getThreadName().replaceAll("\\d+$", "#");
                if (t > 0) {
                    m.merge(name, t, Long::sum);
                }
                if (mx instanceof com.sun.management.ThreadMXBean sun) {
                    m.merge(name + ":allocMB", sun.getThreadAllocatedBytes(info.getThreadId()) / 1000, Long::sum);
                }
            }
        }
        return m;
    }

    static double cpuSec() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() / 1e9;
    }

    static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    /** Runs the driver for {@code sec}; returns {ops, wallSec, cpuSec, errors, late, dropped}. */
    double[] runDriver(ArrivalPattern arrival, int maxInFlight, double sec, Duration dropAfter) throws Exception {
        LoadDriver d = LoadDriver.builder(scenario(arrival, endpoint, trust)).maxInFlight(maxInFlight).ioThreads(ioThreads)
                .dropAfter(dropAfter).sampleInterval(Duration.ofSeconds(1)).build();
        LongAdder ops = new LongAdder();
        LongAdder errors = new LongAdder();
        long[] lateDropped = new long[2];
        double[] last = new double[1];
        List<double[]> full = new java.util.concurrent.CopyOnWriteArrayList<>(); // {ops, intended, sec}
        double cpu0 = cpuSec();
        d.start((m, c, u) -> {
            full.add(new double[] {m.all().ops(), m.all().intendedRate() * m.intervalSec(), m.intervalSec()});
            ops.add(m.all().ops());
            errors.add(m.all().errors());
            m.all().errorsByClass().forEach((k, v) -> {
                if (v > 0) {
                    System.out.printf(Locale.ROOT, "  t=%.1f s: %d %s%n", m.tSec(), v, k);
                }
            });
            lateDropped[0] += m.late();
            lateDropped[1] += m.dropped();
            last[0] = m.tSec();
        });
        Map<String, Long> threadCpu0 = threadCpu();
        Thread.sleep((long) (sec * 1000));
        Map<String, Long> threadCpu1 = threadCpu();
        double sendSec = d.status().elapsedSec();
        d.stop();
        double cpu = cpuSec() - cpu0;
        if (verbose) {
            StringBuilder b = new StringBuilder("  thread CPU s (and MB allocated):");
            threadCpu1.forEach((k, v) -> {
                double s = (v - threadCpu0.getOrDefault(k, 0L)) / (k.endsWith(":allocMB") ? 1e3 : 1e9); // kB, ns
                if (s > 0.05) {
                    b.append(String.format(Locale.ROOT, " %s=%.2f", k, s));
                }
            });
            System.out.println(b);
        }
        // over the sending window (start .. stop() called); in-flight operations are drained, so every
        // operation sent in the window is counted
        double intended = 0;
        for (double[] f : full) {
            intended += f[1];
        }
        return new double[] {ops.sum(), last[0], cpu, errors.sum(), lateDropped[0], lateDropped[1],
            ops.sum() / sendSec, intended / sendSec};
    }

    /** Runs wrk; returns {requests, wallSec, cpuSec}. CPU is the children's utime+stime of the wrapping shell. */
    double[] runWrk(int sec) throws Exception {
        String cmd = String.format(Locale.ROOT, "wrk -t%d -c%d -d%ds %s; cat /proc/$$/stat", wrkThreads, connections,
                sec, endpoint);
        Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = Pattern.compile("(\\d+) requests in ([\\d.]+)s").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("cannot parse wrk output:\n" + out);
        }
        String stat = out.substring(out.lastIndexOf(')') + 2).trim();
        String[] f = stat.split("\\s+");
        // after "pid (comm) ": field 3 is index 0; cutime = field 16, cstime = field 17
        double ticks = Double.parseDouble(f[13]) + Double.parseDouble(f[14]);
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), ticks / 100.0};
    }

    void max() throws Exception {
        System.out.println("== max sustained rate, CPU per request (driver: constant 1,000,000/s offered, "
                + connections + " in flight; wrk -t" + wrkThreads + " -c" + connections + ")");
        runDriver(new ArrivalPattern.Constant(1_000_000), connections, 5, Duration.ofSeconds(1)); // JIT warm-up
        List<Double> dRate = new ArrayList<>(), dCpu = new ArrayList<>(), wRate = new ArrayList<>(),
                wCpu = new ArrayList<>(), ratio = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            double[] d = runDriver(new ArrivalPattern.Constant(1_000_000), connections, seconds, Duration.ofSeconds(1));
            double[] w = runWrk(seconds);
            double dr = d[6], dc = d[2] / d[0] * 1e6, wr = w[0] / w[1], wc = w[2] / w[0] * 1e6;
            dRate.add(dr);
            dCpu.add(dc);
            wRate.add(wr);
            wCpu.add(wc);
            ratio.add(dc / wc);
            System.out.printf(Locale.ROOT, "repeat %d: driver %,.0f req/s %.1f µs CPU/req (errors %.0f) | wrk %,.0f "
                    + "req/s %.1f µs CPU/req | CPU ratio %.2f%n", i + 1, dr, dc, d[3], wr, wc, dc / wc);
        }
        System.out.printf(Locale.ROOT, "median: driver %,.0f req/s %.1f µs/req | wrk %,.0f req/s %.1f µs/req | "
                + "CPU ratio %.2f (target <= 2)%n", median(dRate), median(dCpu), median(wRate), median(wCpu),
                median(ratio));
    }

    /** Runs {@code body} with the driver pointed at the TLS endpoint. */
    double[] overTls(java.util.concurrent.Callable<double[]> body) throws Exception {
        URI saved = endpoint;
        endpoint = tlsEndpoint;
        trust = tlsCaFile != null ? TlsTrust.caFile(tlsCaFile) : TlsTrust.trustAll();
        try {
            return body.call();
        } finally {
            endpoint = saved;
            trust = TlsTrust.DEFAULT;
        }
    }

    void tls() throws Exception {
        ArrivalPattern flat = new ArrivalPattern.Constant(1_000_000);
        System.out.println("== plain vs TLS, same server: max sustained rate and CPU per request (constant 1,000,000/s "
                + "offered, " + connections + " in flight), " + endpoint + " vs " + tlsEndpoint + " ("
                + (tlsCaFile != null ? "tls_ca_file " + tlsCaFile : "tls_insecure") + ")");
        runDriver(flat, connections, 5, Duration.ofSeconds(1)); // JIT warm-up, both paths
        overTls(() -> runDriver(flat, connections, 5, Duration.ofSeconds(1)));
        List<Double> pRate = new ArrayList<>(), pCpu = new ArrayList<>(), tRate = new ArrayList<>(), tCpu = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            double[] p = runDriver(flat, connections, seconds, Duration.ofSeconds(1));
            double[] t = overTls(() -> runDriver(flat, connections, seconds, Duration.ofSeconds(1)));
            pRate.add(p[6]);
            pCpu.add(p[2] / p[0] * 1e6);
            tRate.add(t[6]);
            tCpu.add(t[2] / t[0] * 1e6);
            System.out.printf(Locale.ROOT, "repeat %d: plain %,.0f req/s %.1f µs CPU/req (errors %.0f) | TLS %,.0f req/s "
                    + "%.1f µs CPU/req (errors %.0f)%n", i + 1, p[6], p[2] / p[0] * 1e6, p[3], t[6], t[2] / t[0] * 1e6, t[3]);
        }
        System.out.printf(Locale.ROOT, "median: plain %,.0f req/s %.1f µs/req | TLS %,.0f req/s %.1f µs/req | TLS costs "
                + "%.2fx the CPU per request%n", median(pRate), median(pCpu), median(tRate), median(tCpu),
                median(tCpu) / median(pCpu));
        System.out.println("== corrected latency at a constant 1,000/s, " + seconds + " s, new connections each run");
        for (int i = 0; i < repeats; i++) {
            double[] p = latencyAt(1000);
            double[] t = overTls(() -> latencyAt(1000));
            System.out.printf(Locale.ROOT, "repeat %d: plain p50 %.3f ms p99 %.3f ms max %.1f ms | TLS p50 %.3f ms p99 "
                    + "%.3f ms max %.1f ms%n", i + 1, p[0], p[1], p[2], t[0], t[1], t[2]);
        }
    }

    /** Corrected {p50, p99, max} in ms at a constant {@code rate} for {@code seconds}. */
    double[] latencyAt(double rate) throws Exception {
        Histogram c = new Histogram(3);
        LoadDriver d = LoadDriver.builder(scenario(new ArrivalPattern.Constant(rate), endpoint, trust)).maxInFlight(1024)
                .ioThreads(ioThreads).sampleInterval(Duration.ofSeconds(1)).build();
        d.start((m, cc, uu) -> cc.values().forEach(c::add));
        Thread.sleep(seconds * 1000L);
        d.stop();
        return new double[] {c.getValueAtPercentile(50) / 1e6, c.getValueAtPercentile(99) / 1e6, c.getMaxValue() / 1e6};
    }

    void accuracy() throws Exception {
        System.out.println("== rate accuracy (constant and poisson, " + seconds + " s each; achieved = operations "
                + "completed / sending window; scheduled = the arrival process's own count / window)");
        for (double rate : new double[] {100, 1_000, 10_000}) {
            for (ArrivalPattern p : List.of(new ArrivalPattern.Constant(rate), new ArrivalPattern.Poisson(rate))) {
                double[] d = runDriver(p, 1024, seconds, Duration.ofSeconds(1));
                double achieved = d[6];
                System.out.printf(Locale.ROOT, "%-8s λ %,8.0f/s scheduled %,10.1f/s achieved %,10.1f/s: vs scheduled "
                        + "%+.2f %%, vs λ %+.2f %% (late %.0f, dropped %.0f, errors %.0f, CPU %.1f µs/req)%n",
                        p.patternName(), rate, d[7], achieved, 100 * (achieved - d[7]) / d[7],
                        100 * (achieved - rate) / rate, d[4], d[5], d[3], d[2] / d[0] * 1e6);
            }
        }
    }

    void stall() throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        long t0 = System.nanoTime();
        HttpServer srv = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        srv.setExecutor(Executors.newSingleThreadExecutor());
        srv.createContext("/", ex -> {
            long phaseMs = ((System.nanoTime() - t0) / 1_000_000) % 5000;
            if (phaseMs >= 4500) {
                try {
                    Thread.sleep(5000 - phaseMs);
                } catch (InterruptedException e) {
                    return;
                }
            }
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(200, 2);
            try (OutputStream o = ex.getResponseBody()) {
                o.write("ok".getBytes(StandardCharsets.US_ASCII));
            }
        });
        srv.start();
        URI saved = endpoint;
        endpoint = URI.create("http://127.0.0.1:" + srv.getAddress().getPort() + "/");
        try {
            System.out.println("== stall: target stalls 500 ms every 5 s; constant 200/s for " + stallSeconds
                    + " s; true p99 = 500 ms × (1 − 0.01/0.1) = 450 ms");
            for (int inFlight : new int[] {1, 1024}) {
                Histogram c = new Histogram(3), u = new Histogram(3);
                LoadDriver d = LoadDriver.builder(scenario(new ArrivalPattern.Constant(200), endpoint))
                        .maxInFlight(inFlight).dropAfter(Duration.ofSeconds(2)).sampleInterval(Duration.ofSeconds(1))
                        .build();
                long startPhase = ((System.nanoTime() - t0) / 1_000_000) % 5000;
                Thread.sleep(5000 - startPhase); // start at a stall-period boundary: whole periods measured
                d.start((m, cc, uu) -> {
                    cc.values().forEach(c::add);
                    uu.values().forEach(u::add);
                });
                Thread.sleep(stallSeconds * 1000L);
                d.stop();
                double cp = c.getValueAtPercentile(99) / 1e6;
                System.out.printf(Locale.ROOT, "max in flight %4d: corrected p99 %.1f ms (%+.1f %% vs 450) | "
                        + "uncorrected p99 %.1f ms | p50 %.2f / %.2f ms | n %d%n", inFlight, cp, 100 * (cp - 450) / 450,
                        u.getValueAtPercentile(99) / 1e6, c.getValueAtPercentile(50) / 1e6,
                        u.getValueAtPercentile(50) / 1e6, c.getTotalCount());
            }
        } finally {
            endpoint = saved;
            srv.stop(0);
        }
    }

    /** Runs {@code connections} closed-loop request chains for {@code sec}; returns {requests, sec, cpuSec}. */
    double[] closedLoop(java.util.function.Consumer<Runnable> sendOne, double sec) throws Exception {
        LongAdder done = new LongAdder();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        double cpu0 = cpuSec();
        long t0 = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            Runnable[] chain = new Runnable[1];
            chain[0] = () -> {
                done.increment();
                if (running.get()) {
                    sendOne.accept(chain[0]);
                }
            };
            sendOne.accept(chain[0]);
        }
        Thread.sleep((long) (sec * 1000));
        running.set(false);
        double wall = (System.nanoTime() - t0) / 1e9;
        long n = done.sum();
        Thread.sleep(500);
        return new double[] {n, wall, cpuSec() - cpu0};
    }

    void clients() throws Exception {
        System.out.println("== HTTP client candidates, closed loop, " + connections + " in flight, " + seconds
                + " s each (after a 5 s warm-up); CPU = whole JVM");
        var jdk = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(2)).build();
        var jdkReq = java.net.http.HttpRequest.newBuilder(endpoint).GET().build();
        java.util.function.Consumer<Runnable> jdkSend = next -> jdk.sendAsync(jdkReq,
                java.net.http.HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> next.run());
        var ioConfig = org.apache.hc.core5.reactor.IOReactorConfig.custom().setIoThreadCount(1).build();
        var cm = org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(connections).setMaxConnPerRoute(connections).build();
        var apache = org.apache.hc.client5.http.impl.async.HttpAsyncClients.custom().setIOReactorConfig(ioConfig)
                .setConnectionManager(cm).build();
        apache.start();
        java.util.function.Consumer<Runnable> apacheSend = next -> apache.execute(
                org.apache.hc.client5.http.async.methods.SimpleHttpRequests.get(endpoint),
                new org.apache.hc.core5.concurrent.FutureCallback<org.apache.hc.client5.http.async.methods.SimpleHttpResponse>() {
                    public void completed(org.apache.hc.client5.http.async.methods.SimpleHttpResponse r) { next.run(); }
                    public void failed(Exception e) { next.run(); }
                    public void cancelled() { next.run(); }
                });
        closedLoop(jdkSend, 5);
        closedLoop(apacheSend, 5);
        runDriver(new ArrivalPattern.Constant(1_000_000), connections, 5, Duration.ofSeconds(1));
        for (int i = 0; i < repeats; i++) {
            double[] j = closedLoop(jdkSend, seconds);
            double[] a = closedLoop(apacheSend, seconds);
            double[] d = runDriver(new ArrivalPattern.Constant(1_000_000), connections, seconds, Duration.ofSeconds(1));
            double[] w = runWrk(seconds);
            System.out.printf(Locale.ROOT, "repeat %d: JDK HttpClient %,.0f req/s %.1f µs/req | Apache HttpClient 5.1 "
                    + "async %,.0f req/s %.1f µs/req | Soak NIO client (driver) %,.0f req/s %.1f µs/req | wrk %,.0f "
                    + "req/s %.1f µs/req%n", i + 1, j[0] / j[1], j[2] / j[0] * 1e6, a[0] / a[1], a[2] / a[0] * 1e6,
                    d[6], d[2] / d[0] * 1e6, w[0] / w[1], w[2] / w[0] * 1e6);
        }
        apache.close();
    }

    static long heapAfterGc() {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    void heap() throws Exception {
        System.out.println("== heap after GC across " + heapRequests + " requests (constant 1,000,000/s offered)");
        LoadDriver d = LoadDriver.builder(scenario(new ArrivalPattern.Constant(1_000_000), endpoint))
                .maxInFlight(connections).ioThreads(ioThreads).sampleInterval(Duration.ofSeconds(1)).build();
        d.start((m, c, u) -> { });
        while (d.status().completed() < 200_000) {
            Thread.sleep(50);
        }
        long n0 = d.status().completed();
        long h0 = heapAfterGc();
        long tStart = System.nanoTime();
        while (d.status().completed() < n0 + heapRequests) {
            Thread.sleep(200);
        }
        long n1 = d.status().completed();
        long h1 = heapAfterGc();
        double sec = (System.nanoTime() - tStart) / 1e9;
        d.stop();
        System.out.printf(Locale.ROOT, "heap after GC: %.3f MB at %,d requests, %.3f MB at %,d requests: "
                + "growth %.3f MB over %,d requests (%.0f s, errors %d)%n", h0 / 1048576.0, n0, h1 / 1048576.0, n1,
                (h1 - h0) / 1048576.0, n1 - n0, sec, d.status().errors());
    }

    @Override
    public Integer call() throws Exception {
        System.out.printf(Locale.ROOT, "endpoint %s, %d cores, load average %.1f%n", endpoint,
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (String m : modes) {
            switch (m) {
                case "max" -> max();
                case "accuracy" -> accuracy();
                case "stall" -> stall();
                case "heap" -> heap();
                case "clients" -> clients();
                case "tls" -> tls();
                default -> {
                    System.err.println("--modes: unknown mode '" + m + "'; allowed: max, accuracy, stall, heap, clients");
                    return 2;
                }
            }
        }
        return 0;
    }
}

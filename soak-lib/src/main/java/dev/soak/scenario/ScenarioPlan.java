package dev.soak.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The plan of a scenario as text, what {@code soak.java --dry-run} prints: duration (scenario and
 * wall, and how far an INCONCLUSIVE run may be extended), the rate curve (min/mean/max ops/s over
 * the run; for diurnal the 24 hourly rates), operation mix, data set, validation targets,
 * sampling, thresholds, abort conditions and target (kind, endpoint, how its process is found,
 * faults). Nothing is started. Stateless and thread-safe.
 */
public final class ScenarioPlan {
    /** Points at which the rate curve is sampled over the run. */
    static final int RATE_SAMPLES = 200_000;

    private ScenarioPlan() {
    }

    /** The plan of {@code s}. */
    public static String render(Scenario s) {
        return render(s, ScenarioOverrides.none());
    }

    /** The plan of {@code s}, listing the command-line {@code overrides} that shaped it. */
    public static String render(Scenario s, ScenarioOverrides overrides) {
        StringBuilder b = new StringBuilder();
        line(b, "Scenario: %s", s.name());
        if (!s.description().isEmpty()) {
            line(b, "  %s", s.description());
        }
        if (!overrides.isEmpty()) {
            line(b, "  overrides: %s", String.join("; ", overrides.describe()));
        }
        SoakSettings k = s.soak();
        line(b, "");
        line(b, "Duration");
        line(b, "  scenario time  %s", duration(s.totalSeconds()));
        line(b, "  wall time      %s%s", duration(s.wallSeconds()),
                k.timeScale() == 1 ? "" : String.format(Locale.ROOT, " (time_scale %s: %s scenario seconds per wall second)",
                        Problems.num(k.timeScale()), Problems.num(k.timeScale())));
        if (s.extensible()) {
            double maxSec = s.maxTotalSeconds().getAsDouble();
            line(b, "  extension      up to %s in all%s if INCONCLUSIVE, by the extra time the verdicts ask for "
                            + "([duration] max_total_seconds); the test at the planned end then uses alpha/2",
                    hours(maxSec), k.timeScale() == 1 ? "" : " (" + hours(s.maxWallSeconds()) + " wall)");
        }
        arrival(b, s);
        operations(b, s.operations());
        DataSpec d = s.data();
        line(b, "");
        line(b, "Data");
        line(b, "  preload %,d items before measuring; embedding_dim %d; %d memory space%s; embeddings %s",
                d.numNodes(), d.embeddingDim(), d.memorySpaces(), d.memorySpaces() == 1 ? "" : "s", distribution(d.distribution()));
        ValidationSpec v = s.validation();
        line(b, "");
        line(b, "Validation (checked in the report)");
        line(b, "  expected p99 %s; expected throughput %s; max error rate %s",
                v.expectedP99LatencyMs().isPresent() ? "<= " + Problems.num(v.expectedP99LatencyMs().getAsDouble()) + " ms" : "not set",
                v.expectedThroughputOpsSec().isPresent() ? ">= " + Problems.num(v.expectedThroughputOpsSec().getAsDouble()) + " ops/s" : "not set",
                v.maxErrorRate().isPresent() ? pct(v.maxErrorRate().getAsDouble()) : "not set");
        line(b, "");
        line(b, "Sampling (wall time)");
        line(b, "  checkpoint every %s; resources every %s; metrics interval %s; warm-up %s",
                duration(k.checkpointIntervalSec()), duration(k.resourceCheckIntervalSec()), duration(k.sampleIntervalSec()),
                k.warmupSec().isPresent() ? duration(k.warmupSec().getAsDouble()) + " of load" : "auto (detected)");
        line(b, "  during the run: %,d checkpoints, %,d resource samples, %,d metrics intervals",
                (long) Math.floor(s.wallSeconds() / k.checkpointIntervalSec()),
                (long) Math.floor(s.wallSeconds() / k.resourceCheckIntervalSec()),
                (long) Math.floor(s.wallSeconds() / k.sampleIntervalSec()));
        line(b, "  run directory: about %s for the records%s (%s an hour: each metrics interval is a line and %d"
                        + " histograms), and the report; a wide latency spread takes more. The run warns if its disk will"
                        + " not hold it", RunSize.text(RunSize.bytes(s) - RunSize.REPORT), s.extensible() ? " at the maximum length" : "",
                RunSize.text(RunSize.bytesPerHour(s)), 2 * (1 + RunSize.operations(s)));
        line(b, "");
        line(b, "Thresholds (per wall hour)");
        line(b, "  memory leak %s MB/hour; latency drift %s %%/hour; fail on fds/threads/memory exhausted within %s h",
                Problems.num(k.thresholds().memoryLeakMbPerHour()), Problems.num(k.thresholds().latencyDriftPctPerHour()),
                Problems.num(k.thresholds().exhaustionHorizonHours()));
        AbortConditions a = k.abort();
        List<String> limits = new ArrayList<>();
        a.maxRssMb().ifPresent(x -> limits.add("RSS > " + Problems.num(x) + " MB"));
        a.maxP99Ms().ifPresent(x -> limits.add("p99 > " + Problems.num(x) + " ms"));
        a.maxErrorRate().ifPresent(x -> limits.add("error rate > " + pct(x)));
        line(b, "");
        line(b, "Abort conditions");
        line(b, "  %s%s", limits.isEmpty() ? "no limits" : String.join(", ", limits) + " sustained for " + duration(a.sustainedSec()),
                a.abortOnRegression() ? "; also on a leak or drift FAIL verdict" : "; leak/drift verdicts do not abort");
        line(b, "  and whenever the target process exits");
        target(b, s.target());
        return b.toString();
    }

    private static void arrival(StringBuilder b, Scenario s) {
        ArrivalPattern a = s.arrival();
        line(b, "");
        line(b, "Arrival: %s", a.patternName());
        line(b, "  %s", describe(a, s.soak().timeScale()));
        double wall = s.wallSeconds();
        double min = Double.MAX_VALUE;
        double max = 0;
        double sum = 0;
        for (int i = 0; i < RATE_SAMPLES; i++) {
            double r = s.rateAtWallSec((i + 0.5) * wall / RATE_SAMPLES);
            min = Math.min(min, r);
            max = Math.max(max, r);
            sum += r;
        }
        double mean = sum / RATE_SAMPLES;
        line(b, "  rate over the run: min %s, mean %s, max %s ops/s; about %,d operations in all",
                rate(min), rate(mean), rate(max), Math.round(mean * wall));
        if (a instanceof ArrivalPattern.Diurnal) {
            line(b, "  hourly rates (scenario clock, ops/s):");
            for (int row = 0; row < 4; row++) {
                StringBuilder r = new StringBuilder("   ");
                for (int h = row * 6; h < row * 6 + 6; h++) {
                    r.append(String.format(Locale.ROOT, "  %02d:00 %8.1f", h, a.ratePerSec(h * 3600.0)));
                }
                line(b, "%s", r);
            }
        }
    }

    static String describe(ArrivalPattern a, double timeScale) {
        String spacing = a.isRandom() ? "random (exponential) inter-arrivals" : "evenly spaced";
        if (a instanceof ArrivalPattern.Constant c) {
            return rate(c.rate()) + " ops/s, " + spacing;
        }
        if (a instanceof ArrivalPattern.Poisson p) {
            return "lambda " + rate(p.lambda()) + " ops/s, " + spacing;
        }
        if (a instanceof ArrivalPattern.Exponential e) {
            return "lambda " + rate(e.lambda()) + " ops/s, " + spacing;
        }
        if (a instanceof ArrivalPattern.PeriodicBurst p) {
            String wall = timeScale == 1 ? "" : "; in wall time " + duration(p.burstDurationSec() / timeScale) + " every "
                    + duration(p.burstPeriodSec() / timeScale);
            return String.format(Locale.ROOT, "%s ops/s, bursts of %s ops/s for %s every %s%s; %s",
                    rate(p.baseRate()), rate(p.burstRate()), duration(p.burstDurationSec()), duration(p.burstPeriodSec()),
                    wall, spacing);
        }
        if (a instanceof ArrivalPattern.Diurnal d) {
            return String.format(Locale.ROOT, "%s ops/s at the trough (%s) rising to %s ops/s (x%s) at the peak (%s); "
                            + "scenario time 0 is midnight; %s", rate(d.baselineOps()), clock(d.troughHour()),
                    rate(d.baselineOps() * d.peakMultiplier()), Problems.num(d.peakMultiplier()), clock(d.peakHour()), spacing);
        }
        ArrivalPattern.Ramp r = (ArrivalPattern.Ramp) a;
        return "linear from " + rate(r.startOps()) + " to " + rate(r.endOps()) + " ops/s over the run, " + spacing;
    }

    private static void operations(StringBuilder b, Operations o) {
        line(b, "");
        line(b, "Operations (%s)", o.isHttpTemplates() ? "HTTP request templates" : "Engram API");
        for (Map.Entry<String, Double> e : o.weights().entrySet()) {
            String extra = "";
            for (HttpRequestTemplate t : o.requests()) {
                if (t.name().equals(e.getKey())) {
                    extra = "  " + t.method() + " " + t.path() + (t.expectStatus().isEmpty() ? "" : "  expect " + t.expectStatus());
                }
            }
            line(b, "  %-20s %5.1f %%%s", e.getKey(), e.getValue() * 100, extra);
        }
    }

    private static void target(StringBuilder b, TargetSpec t) {
        line(b, "");
        line(b, "Target");
        if (t.kind() == TargetSpec.TargetKind.EMBEDDED) {
            line(b, "  kind embedded: the reference server, started as a child process on loopback; %s",
                    t.watch() == TargetSpec.Watch.METRICS ? "its resources read from its Prometheus text at " + TargetSpec.DEFAULT_METRICS_PATH
                            : "its pid is watched");
        } else {
            line(b, "  kind %s, endpoint %s, health %s (ready within %s)", t.kind().key(), t.endpoint(), t.healthPath(),
                    duration(t.readyTimeoutSec()));
            String how;
            String metrics = "its Prometheus text at " + t.metricsUrl() + (t.metricsHeaders().isEmpty() ? ""
                    : " (sending " + String.join(", ", t.metricsHeaders().keySet()) + ")") + " (process_resident_memory_bytes, process_open_fds,"
                    + " process_max_fds, process_cpu_seconds_total, threads; a restart is seen by a new process_start_time_seconds or a CPU counter that went back)";
            if (t.watch() == TargetSpec.Watch.METRICS) {
                how = "the process behind the endpoint, wherever it runs, read from " + metrics;
            } else if (t.pid().isPresent()) {
                how = "pid " + t.pid().getAsLong();
            } else if (t.pidFile().isPresent()) {
                how = "pid read from " + t.pidFile().get();
            } else if (!t.command().isEmpty()) {
                how = "spawned: " + String.join(" ", t.command()) + " (its output kept in the run directory)";
            } else {
                int port = t.endpoint().getPort() != -1 ? t.endpoint().getPort()
                        : "https".equalsIgnoreCase(t.endpoint().getScheme()) ? 443 : 80;
                how = "the process listening on port " + port + " (the endpoint's), found at start";
                if (t.watch() == TargetSpec.Watch.AUTO) {
                    how += " when " + t.endpoint().getHost() + " is this host; otherwise read from " + metrics;
                }
            }
            line(b, "  watched process: %s", how);
            line(b, "  heap after GC: Prometheus text at %s (Micrometer or client_java JVM metrics; a local JVM is also"
                    + " read over JMX)", t.metricsUrl());
            if ("https".equalsIgnoreCase(t.endpoint().getScheme())) {
                line(b, "  TLS: %s", t.tls().describe());
            }
        }
        FaultSpec f = t.faults();
        List<String> faults = new ArrayList<>();
        add(faults, f.leakMbPerHour(), "leak %s MB/hour");
        add(faults, f.leakBytesPerStore(), "leak %s bytes per store");
        add(faults, f.baseLatencyMs(), "base latency %s ms");
        add(faults, f.latencyDriftPctPerHour(), "latency drift %s %%/hour");
        add(faults, f.fdLeakPerMinute(), "fd leak %s per minute");
        add(faults, f.threadLeakPerMinute(), "thread leak %s per minute");
        add(faults, f.warmupMb(), "warm-up %s MB");
        add(faults, f.warmupTauSec(), "warm-up tau %s s");
        add(faults, f.errorRate() * 100, "error rate %s %%");
        add(faults, f.crashAfterSec(), "crash after %s s");
        line(b, "  faults injected: %s", faults.isEmpty() ? "none" : String.join(", ", faults));
    }

    private static void add(List<String> list, double v, String format) {
        if (v != 0) {
            list.add(String.format(Locale.ROOT, format, Problems.num(v)));
        }
    }

    private static String distribution(EmbeddingDistribution d) {
        if (d instanceof EmbeddingDistribution.Clustered c) {
            return "clustered (" + c.numClusters() + " clusters, std_dev " + Problems.num(c.stdDev()) + ")";
        }
        if (d instanceof EmbeddingDistribution.HotSpot h) {
            return h.centerVector().isEmpty() ? "hot_spot (" + pct(h.center()) + " of draws near one spot)"
                    : "hot_spot (around a given " + h.centerVector().size() + "-value direction)";
        }
        return "uniform";
    }

    /** {@code 86400 s (24 h)}, {@code 90 s (1 min 30 s)}. */
    static String duration(double sec) {
        String exact = Problems.num(Math.round(sec * 1000) / 1000.0) + " s";
        if (sec < 60) {
            return exact;
        }
        long total = Math.round(sec);
        long d = total / 86_400;
        long h = total % 86_400 / 3600;
        long m = total % 3600 / 60;
        long s = total % 60;
        StringBuilder b = new StringBuilder();
        if (d > 0) {
            b.append(d).append(" d ");
        }
        if (h > 0) {
            b.append(h).append(" h ");
        }
        if (m > 0) {
            b.append(m).append(" min ");
        }
        if (s > 0) {
            b.append(s).append(" s ");
        }
        return exact + " (" + b.toString().trim() + ")";
    }

    /** {@code 48 h}, {@code 0.083 h}: hours to three decimals. */
    static String hours(double sec) {
        return Problems.num(Math.round(sec / 3.6) / 1000.0) + " h";
    }

    private static String clock(double hour) {
        int minutes = (int) Math.round(hour * 60);
        return String.format(Locale.ROOT, "%02d:%02d", minutes / 60 % 24, minutes % 60);
    }

    private static String rate(double r) {
        return String.format(Locale.ROOT, "%.1f", r);
    }

    private static String pct(double fraction) {
        return Problems.num(Math.round(fraction * 1e6) / 1e4) + " %";
    }

    private static void line(StringBuilder b, String format, Object... args) {
        b.append(args.length == 0 ? format : String.format(Locale.ROOT, format, args)).append('\n');
    }
}

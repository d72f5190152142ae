package dev.soak.scenario;

import static dev.soak.scenario.Problems.num;
import static dev.soak.scenario.Problems.quote;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The one place where scenario values are checked (used by {@link ScenarioBuilder}, and so by
 * {@link ScenarioLoader}): every range, combination and cross-key rule, each failure reported as
 * a {@link Problem} naming the key as written in TOML. Stateless and thread-safe.
 */
final class ScenarioValidator {
    private static final String REQUEST_LINE = "the request line";
    static final List<String> HTTP_METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

    private ScenarioValidator() {
    }

    /** Checks {@code b}; returns the scenario, or null when a problem was found (then in b.problems). */
    static Scenario validateAndBuild(ScenarioBuilder b) {
        Problems p = b.problems;
        if (b.name == null) {
            if (!p.reported("name")) {
                p.add("name", "", "is missing: every scenario needs a name",
                        "Fix: add a first line such as name = \"checkout soak\"");
            }
        } else if (b.name.isBlank()) {
            p.add("name", quote(b.name), "must not be empty", "Fix: give the scenario a short name");
        }
        boolean totalOk = positive(p, "[duration] total_seconds", b.totalSeconds, "a number of scenario seconds > 0",
                "Fix: e.g. total_seconds = 3600 for one hour");
        OptionalDouble maxTotal = maxTotalSeconds(p, b, totalOk);
        ArrivalPattern arrival = arrival(p, b);
        Operations operations = operations(p, b);
        data(p, b.data);
        validation(p, b.validation);
        TargetSpec target = TargetValidator.target(p, b);
        SoakSettings soak = soak(p, b);
        if (!p.isEmpty()) {
            return null;
        }
        return new Scenario(b.name, b.description, b.totalSeconds, maxTotal, arrival, operations, b.data, b.validation,
                b.chaosEnabled, target, soak);
    }

    // ---- [duration] ----

    /** {@code [duration] max_total_seconds}: absent, or scenario seconds > 0 and ≥ total_seconds. */
    private static OptionalDouble maxTotalSeconds(Problems p, ScenarioBuilder b, boolean totalOk) {
        if (b.maxTotalSeconds == null) {
            return OptionalDouble.empty();
        }
        double max = b.maxTotalSeconds;
        String key = "[duration] max_total_seconds";
        if (!positive(p, key, max, "a number of scenario seconds > 0 and >= [duration] total_seconds",
                "Fix: e.g. max_total_seconds = 172800 to let a 24-hour run go on to 48 hours, or leave it out for no extension")) {
            return OptionalDouble.empty();
        }
        if (totalOk && max < b.totalSeconds) {
            p.add(key, num(max), "must be >= [duration] total_seconds = " + num(b.totalSeconds)
                    + " (an extension only lengthens the run; equal means no extension)",
                    "Fix: raise max_total_seconds to at least " + num(b.totalSeconds)
                            + " (or lower total_seconds), or leave it out for no extension");
        }
        return OptionalDouble.of(max);
    }

    // ---- [arrival] ----

    private static ArrivalPattern arrival(Problems p, ScenarioBuilder b) {
        ArrivalPattern a = b.arrival;
        if (a == null) {
            if (!p.reported("[arrival]")) {
                p.add("[arrival] pattern", "", "is missing: allowed patterns are "
                        + String.join(", ", KeySchema.ARRIVAL_KEYS.keySet()),
                        "Fix: add an [arrival] section, e.g. pattern = \"constant\" and rate = 100");
            }
            return null;
        }
        if (a instanceof ArrivalPattern.Constant c) {
            rate(p, "rate", c.rate());
        } else if (a instanceof ArrivalPattern.Poisson q) {
            rate(p, "lambda", q.lambda());
        } else if (a instanceof ArrivalPattern.Exponential e) {
            rate(p, "lambda", e.lambda());
        } else if (a instanceof ArrivalPattern.PeriodicBurst pb) {
            rate(p, "base_rate", pb.baseRate());
            rate(p, "burst_rate", pb.burstRate());
            boolean periodOk = positive(p, "[arrival] burst_period_sec", pb.burstPeriodSec(),
                    "a number of seconds > 0", "Fix: e.g. burst_period_sec = 300 for a burst every 5 minutes");
            boolean durOk = atLeastZero(p, "[arrival] burst_duration_sec", pb.burstDurationSec(),
                    "a number of seconds >= 0", "Fix: e.g. burst_duration_sec = 30");
            if (periodOk && durOk && pb.burstDurationSec() > pb.burstPeriodSec()) {
                p.add("[arrival] burst_duration_sec", num(pb.burstDurationSec()),
                        "must not be longer than its period, [arrival] burst_period_sec = " + num(pb.burstPeriodSec()),
                        "Fix: shorten the burst or lengthen the period");
            }
        } else if (a instanceof ArrivalPattern.Diurnal d) {
            rate(p, "baseline_ops", d.baselineOps());
            if (!(d.peakMultiplier() >= 1) || Double.isInfinite(d.peakMultiplier())) {
                p.add("[arrival] peak_multiplier", num(d.peakMultiplier()),
                        "must be a number >= 1 (the peak rate is baseline_ops x peak_multiplier)",
                        "Fix: e.g. peak_multiplier = 2.0 for a peak at twice the baseline");
            }
            boolean peakOk = hour(p, "peak_hour", d.peakHour());
            boolean troughOk = hour(p, "trough_hour", d.troughHour());
            if (peakOk && troughOk && d.peakHour() == d.troughHour()) {
                p.add("[arrival] peak_hour", num(d.peakHour()), "must differ from [arrival] trough_hour = "
                        + num(d.troughHour()), "Fix: put the peak and the trough at different hours, e.g. 14 and 3");
            }
        } else if (a instanceof ArrivalPattern.Ramp r) {
            rate(p, "start_ops", r.startOps());
            rate(p, "end_ops", r.endOps());
            if (Double.isFinite(b.totalSeconds) && b.totalSeconds > 0) {
                a = new ArrivalPattern.Ramp(r.startOps(), r.endOps(), b.totalSeconds);
            }
        }
        return a;
    }

    private static void rate(Problems p, String key, double v) {
        atLeastZero(p, "[arrival] " + key, v, "a rate >= 0 (ops/s)", "Fix: rates are operations per second and never negative");
    }

    private static boolean hour(Problems p, String key, double h) {
        if (!(h >= 0 && h < 24)) {
            p.add("[arrival] " + key, num(h), "must be an hour of the day from 0 to 23 (fractions such as 13.5 allowed)",
                    "Fix: use 24-hour clock hours, midnight is 0");
            return false;
        }
        return true;
    }

    // ---- [operations] ----

    private static Operations operations(Problems p, ScenarioBuilder b) {
        Map<String, Double> raw = new LinkedHashMap<>();
        if (!b.requests.isEmpty()) {
            if (!b.weights.isEmpty()) {
                EngramOperation first = b.weights.keySet().iterator().next();
                p.add("[operations] " + first.weightKey(), num(b.weights.get(first)),
                        "cannot be combined with [[operations.request]] templates (Engram weights drive the Engram API, templates any HTTP service)",
                        "Fix: keep either the Engram weights or the request templates");
            }
            requests(p, b.requests, raw);
        } else if (b.weights.isEmpty()) {
            raw.put(EngramOperation.STORE.key(), 0.35);
            raw.put(EngramOperation.RECALL.key(), 0.35);
            raw.put(EngramOperation.EMBEDDING_SEARCH.key(), 0.3);
        } else {
            boolean ok = true;
            for (EngramOperation op : EngramOperation.values()) {
                double w = b.weights.getOrDefault(op, 0.0);
                ok &= atLeastZero(p, "[operations] " + op.weightKey(), w, "a relative weight >= 0 (any scale: 40/50/10 or 0.4/0.5/0.1)",
                        "Fix: use 0 to leave the operation out");
                raw.put(op.key(), w);
            }
            if (ok && raw.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
                p.add("[operations]", "", "has all weights 0: at least one of store_weight, recall_weight, "
                        + "embedding_search_weight, pattern_completion_weight must be > 0",
                        "Fix: e.g. store_weight = 40, recall_weight = 50, embedding_search_weight = 10");
            }
        }
        double sum = raw.values().stream().mapToDouble(Double::doubleValue).sum();
        if (!p.isEmpty() || !(sum > 0) || !Double.isFinite(sum)) {
            return null;
        }
        Map<String, Double> normalised = new LinkedHashMap<>();
        raw.forEach((k, w) -> {
            if (w > 0) {
                normalised.put(k, w / sum);
            }
        });
        return new Operations(normalised, b.requests);
    }

    private static void requests(Problems p, List<HttpRequestTemplate> requests, Map<String, Double> raw) {
        Set<String> names = new HashSet<>();
        boolean weightsOk = true;
        for (int i = 0; i < requests.size(); i++) {
            HttpRequestTemplate r = requests.get(i);
            String at = "[[operations.request]] #" + (i + 1) + " ";
            if (p.reported(at + "name")) {
                // already reported while reading
            } else if (r.name() == null || r.name().isBlank()) {
                p.add(at + "name", r.name() == null ? "" : quote(r.name()), "is missing: every request template needs a name (used in metrics)",
                        "Fix: add name = \"get_item\"");
            } else if (!names.add(r.name())) {
                p.add(at + "name", quote(r.name()), "is used by an earlier template: names must be unique", "Fix: rename one of them");
            }
            weightsOk &= atLeastZero(p, at + "weight", r.weight(), "a relative weight >= 0", "Fix: use 0 to leave it out");
            if (r.method() == null || !HTTP_METHODS.contains(r.method())) {
                p.add(at + "method", r.method() == null ? "" : quote(r.method()), "must be one of " + String.join(", ", HTTP_METHODS),
                        "Fix: write the method in upper case, e.g. method = \"POST\"");
            }
            if (r.path() == null || !r.path().startsWith("/")) {
                p.add(at + "path", r.path() == null ? "" : quote(r.path()),
                        r.path() == null ? "is missing: a path and query starting with /" : "must start with / (it is appended to [target] endpoint)",
                        "Fix: e.g. path = \"/items/{{randInt:1:1000}}\"");
            } else {
                placeholders(p, at + "path", r.path(), REQUEST_LINE);
            }
            if (r.body() != null) {
                placeholders(p, at + "body", r.body(), null);
            }
            r.headers().forEach((h, v) -> placeholders(p, at + "headers." + h, v, "a header"));
            for (int status : r.expectStatus()) {
                if (status < 100 || status > 599) {
                    p.add(at + "expect_status", Integer.toString(status), "must hold HTTP status codes from 100 to 599",
                            "Fix: e.g. expect_status = [200, 201], or leave it out to accept any 2xx");
                }
            }
            raw.merge(r.name() == null ? "#" + (i + 1) : r.name(), r.weight(), Double::sum);
        }
        if (weightsOk && raw.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            p.add("[[operations.request]] weight", "", "is 0 for every template: at least one weight must be > 0",
                    "Fix: give the templates weights such as 1");
        }
    }

    /**
     * The placeholders of a template text ({@link TemplateText}). An {@code {{env:NAME}}} must name a variable that is
     * set, and where the text goes into the request line or a header ({@code line}; null for a body), its value must
     * keep to that line. The messages quote the template, never a variable's value.
     */
    static void placeholders(Problems p, String key, String text, String line) {
        List<TemplateText.Segment> segments;
        try {
            segments = TemplateText.parse(text);
        } catch (TemplateText.Malformed e) {
            p.add(key, quote(text), "has " + e.getMessage() + ": allowed " + TemplateText.ALLOWED,
                    "Fix: correct or remove the placeholder");
            return;
        }
        boolean requestLine = REQUEST_LINE.equals(line);
        for (TemplateText.Segment s : segments) {
            if (s.kind() != TemplateText.Kind.ENV) {
                continue;
            }
            String value = System.getenv(s.text());
            if (value == null) {
                p.add(key, quote(text), "uses the environment variable " + s.text() + ", which is not set",
                        "Fix: export " + s.text() + "=... in the shell that runs Soak (the value is sent with the"
                        + " requests, not written to the run directory), or remove the placeholder");
            } else if (line != null && value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f || requestLine && c <= ' ')) {
                p.add(key, quote(text), "takes the value of " + s.text() + ", which holds "
                        + (requestLine ? "a space or a control character" : "a control character (e.g. a line break)")
                        + ": it cannot go into " + line, "Fix: set " + s.text() + " to one line"
                        + (requestLine ? " without spaces (URL-encode them as %20)" : ""));
            }
        }
    }

    // ---- [data], [validation] ----

    private static void data(Problems p, DataSpec d) {
        if (d.numNodes() < 0) {
            p.add("[data] num_nodes", Long.toString(d.numNodes()), "must be a whole number >= 0 (items stored before measuring)",
                    "Fix: use 0 to start from an empty target");
        }
        if (d.embeddingDim() < 1 || d.embeddingDim() > 65_536) {
            p.add("[data] embedding_dim", Integer.toString(d.embeddingDim()), "must be a whole number from 1 to 65536",
                    "Fix: use the target's embedding size, e.g. embedding_dim = 768");
        }
        if (d.memorySpaces() < 1) {
            p.add("[data] memory_spaces", Integer.toString(d.memorySpaces()), "must be a whole number >= 1",
                    "Fix: use memory_spaces = 1 for a single space");
        }
        String at = "[data.embedding_distribution] ";
        if (d.distribution() instanceof EmbeddingDistribution.Clustered c) {
            if (c.numClusters() < 1) {
                p.add(at + "num_clusters", Integer.toString(c.numClusters()), "must be a whole number >= 1", "Fix: e.g. num_clusters = 10");
            }
            atLeastZero(p, at + "std_dev", c.stdDev(), "a standard deviation >= 0", "Fix: e.g. std_dev = 0.1");
        } else if (d.distribution() instanceof EmbeddingDistribution.HotSpot h) {
            if (!(h.center() >= 0 && h.center() <= 1)) {
                p.add(at + "center", num(h.center()), "must be a fraction from 0 to 1 (share of draws from the hot spot) or an array of numbers (its direction)",
                        "Fix: e.g. center = 0.8");
            }
            for (double x : h.centerVector()) {
                if (!Double.isFinite(x)) {
                    p.add(at + "center", h.centerVector().toString(), "must hold finite numbers", "Fix: remove nan and inf");
                    break;
                }
            }
        }
    }

    private static void validation(Problems p, ValidationSpec v) {
        optionalPositive(p, "[validation] expected_p99_latency_ms", v.expectedP99LatencyMs(), "a latency > 0 in milliseconds");
        optionalPositive(p, "[validation] expected_throughput_ops_sec", v.expectedThroughputOpsSec(), "a throughput > 0 in ops/s");
        fraction(p, "[validation] max_error_rate", v.maxErrorRate());
    }

    // ---- [soak] ----

    private static SoakSettings soak(Problems p, ScenarioBuilder b) {
        String iv = "a number of seconds > 0";
        positive(p, "[soak] checkpoint_interval_sec", b.checkpointIntervalSec, iv, "Fix: e.g. checkpoint_interval_sec = 3600 (hourly)");
        positive(p, "[soak] resource_check_interval_sec", b.resourceCheckIntervalSec, iv, "Fix: e.g. resource_check_interval_sec = 60");
        positive(p, "[soak] sample_interval_sec", b.sampleIntervalSec, iv, "Fix: e.g. sample_interval_sec = 10");
        boolean scaleOk = positive(p, "[soak] time_scale", b.timeScale, "a number > 0 (scenario seconds per wall second)",
                "Fix: use 1 for real time, 6 to run an hour in 10 minutes");
        if (b.warmupSec != null) {
            boolean ok = atLeastZero(p, "[soak] warmup_sec", b.warmupSec, "a number of wall seconds >= 0 or \"auto\"",
                    "Fix: e.g. warmup_sec = 300, or \"auto\" to detect it");
            double wall = b.totalSeconds / b.timeScale;
            if (ok && scaleOk && b.totalSeconds > 0 && Double.isFinite(wall) && b.warmupSec >= wall) {
                p.add("[soak] warmup_sec", num(b.warmupSec), "must be less than the run's wall length, " + num(wall)
                        + " s ([duration] total_seconds = " + num(b.totalSeconds) + " / [soak] time_scale = " + num(b.timeScale) + ")",
                        "Fix: lower warmup_sec or raise total_seconds");
            }
        }
        AbortConditions a = b.abort;
        optionalPositive(p, "[soak.abort_conditions] max_rss_mb", a.maxRssMb(), "a size > 0 in MB");
        optionalPositive(p, "[soak.abort_conditions] max_p99_ms", a.maxP99Ms(), "a latency > 0 in milliseconds");
        fraction(p, "[soak.abort_conditions] max_error_rate", a.maxErrorRate());
        atLeastZero(p, "[soak.abort_conditions] sustained_sec", a.sustainedSec(), "a number of seconds >= 0",
                "Fix: e.g. sustained_sec = 60 (a breach must last a minute)");
        Thresholds t = b.thresholds;
        positive(p, "[soak.thresholds] memory_leak_mb_per_hour", t.memoryLeakMbPerHour(), "a rate > 0 in MB per hour",
                "Fix: e.g. memory_leak_mb_per_hour = 10");
        positive(p, "[soak.thresholds] latency_drift_pct_per_hour", t.latencyDriftPctPerHour(), "a rate > 0 in percent per hour",
                "Fix: e.g. latency_drift_pct_per_hour = 2");
        positive(p, "[soak.thresholds] exhaustion_horizon_hours", t.exhaustionHorizonHours(), "a number of hours > 0",
                "Fix: e.g. exhaustion_horizon_hours = 24 (fail when a limit would be reached within a day)");
        return new SoakSettings(b.checkpointIntervalSec, b.resourceCheckIntervalSec, b.sampleIntervalSec,
                b.warmupSec == null ? OptionalDouble.empty() : OptionalDouble.of(b.warmupSec), b.timeScale, a, t);
    }

    // ---- shared checks ----

    static boolean positive(Problems p, String key, double v, String what, String hint) {
        if (!(v > 0) || Double.isInfinite(v)) {
            p.add(key, num(v), "must be " + what, hint);
            return false;
        }
        return true;
    }

    static boolean atLeastZero(Problems p, String key, double v, String what, String hint) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            p.add(key, num(v), "must be " + what, hint);
            return false;
        }
        return true;
    }

    private static void optionalPositive(Problems p, String key, OptionalDouble v, String what) {
        if (v.isPresent()) {
            positive(p, key, v.getAsDouble(), what, "Fix: give a positive value, or leave the key out for no limit");
        }
    }

    static void fraction(Problems p, String key, OptionalDouble v) {
        if (v.isPresent() && !(v.getAsDouble() >= 0 && v.getAsDouble() <= 1)) {
            p.add(key, num(v.getAsDouble()), "must be a fraction from 0 to 1 (0.01 = 1 %)",
                    "Fix: write a percentage as a fraction, e.g. 0.05 for 5 %");
        }
    }
}

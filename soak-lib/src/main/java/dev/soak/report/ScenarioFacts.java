package dev.soak.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.soak.scenario.ArrivalPattern;
import dev.soak.scenario.Scenario;
import dev.soak.scenario.Thresholds;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the report needs from a scenario: its name, thresholds, warm-up, limits and arrival curve.
 * Built from a loaded {@link Scenario} (the orchestrator) or, offline, leniently from the
 * {@code scenario.toml} text kept in the run directory (a key that is absent or unreadable takes
 * its documented default, and a note says so; validating scenarios is the scenario loader's job).
 * Immutable.
 *
 * @param name                    scenario name ("" when unknown)
 * @param memoryLeakMbPerHour     leak threshold, MB per wall hour (default 10)
 * @param latencyDriftPctPerHour  drift threshold, % per wall hour (default 2)
 * @param exhaustionHorizonHours  a forecast exhaustion within this many hours fails the run (default 24)
 * @param warmupSec               fixed warm-up in wall seconds, empty for "auto"
 * @param timeScale               scenario seconds per wall second (default 1)
 * @param totalSeconds            scenario length in scenario seconds (NaN when unknown)
 * @param maxTotalSeconds         {@code [duration] max_total_seconds}: how long an INCONCLUSIVE run may be extended to
 * @param maxRssMb                {@code [soak.abort_conditions] max_rss_mb}
 * @param maxP99Ms                {@code [soak.abort_conditions] max_p99_ms}
 * @param expectedP99Ms           {@code [validation] expected_p99_latency_ms}
 * @param arrival                 the arrival pattern, when known
 */
public record ScenarioFacts(String name, double memoryLeakMbPerHour, double latencyDriftPctPerHour,
                            double exhaustionHorizonHours,
                            OptionalDouble warmupSec, double timeScale, double totalSeconds, OptionalDouble maxTotalSeconds,
                            OptionalDouble maxRssMb, OptionalDouble maxP99Ms, OptionalDouble expectedP99Ms,
                            Optional<ArrivalPattern> arrival) {

    /** Defaults only (no scenario known). */
    public static ScenarioFacts defaults() {
        return new ScenarioFacts("", 10.0, 2.0, Thresholds.DEFAULT_EXHAUSTION_HORIZON_HOURS, OptionalDouble.empty(), 1.0, Double.NaN, OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty());
    }

    /** From a validated scenario. */
    public static ScenarioFacts of(Scenario s) {
        return new ScenarioFacts(s.name(), s.soak().thresholds().memoryLeakMbPerHour(),
                s.soak().thresholds().latencyDriftPctPerHour(), s.soak().thresholds().exhaustionHorizonHours(),
                s.soak().warmupSec(), s.soak().timeScale(),
                s.totalSeconds(), s.maxTotalSeconds(), s.soak().abort().maxRssMb(), s.soak().abort().maxP99Ms(),
                s.validation().expectedP99LatencyMs(), Optional.of(s.arrival()));
    }

    /** Whether the run may be extended while INCONCLUSIVE ({@code [duration] max_total_seconds} above {@code total_seconds}). */
    public boolean extensible() {
        return maxTotalSeconds.isPresent() && maxTotalSeconds.getAsDouble() > totalSeconds;
    }

    /** Intended arrival rate (ops/s) at {@code wallSec}, NaN when the pattern is unknown. */
    public double rateAtWallSec(double wallSec) {
        return arrival.map(a -> a.ratePerSec(wallSec * timeScale)).orElse(Double.NaN);
    }

    /** Leniently from TOML text; problems go to {@code notes}. */
    static ScenarioFacts parse(String toml, List<String> notes) {
        if (toml == null || toml.isBlank()) {
            return defaults();
        }
        JsonNode root;
        try {
            root = new TomlMapper().readTree(toml);
        } catch (Exception e) {
            notes.add("scenario.toml could not be parsed (" + oneLine(e.getMessage())
                    + "); default thresholds (10 MB/h, 2 %/h) and automatic warm-up are used");
            return defaults();
        }
        if (root.path("target").path("tls_insecure").asBoolean(false)) {
            notes.add("TLS verification was off ([target] tls_insecure = true): the target's certificate and host name"
                    + " were not checked, so these figures are for whatever answered at the endpoint");
        }
        JsonNode soak = root.path("soak");
        double timeScale = num(soak.path("time_scale"), 1.0);
        JsonNode warm = soak.path("warmup_sec");
        OptionalDouble warmup = warm.isNumber() ? OptionalDouble.of(warm.asDouble()) : OptionalDouble.empty();
        JsonNode thr = soak.path("thresholds");
        JsonNode abort = soak.path("abort_conditions");
        return new ScenarioFacts(root.path("name").asText(""),
                num(thr.path("memory_leak_mb_per_hour"), 10.0), num(thr.path("latency_drift_pct_per_hour"), 2.0),
                num(thr.path("exhaustion_horizon_hours"), Thresholds.DEFAULT_EXHAUSTION_HORIZON_HOURS),
                warmup, timeScale > 0 ? timeScale : 1.0, num(root.path("duration").path("total_seconds"), 300.0),
                opt(root.path("duration").path("max_total_seconds")),
                opt(abort.path("max_rss_mb")), opt(abort.path("max_p99_ms")),
                opt(root.path("validation").path("expected_p99_latency_ms")), arrival(root.path("arrival"), notes));
    }

    private static Optional<ArrivalPattern> arrival(JsonNode a, List<String> notes) {
        if (a.isMissingNode()) {
            return Optional.empty();
        }
        String pattern = a.path("pattern").asText("constant").toLowerCase(Locale.ROOT);
        try {
            return Optional.of(switch (pattern) {
                case "constant" -> new ArrivalPattern.Constant(req(a, "rate"));
                case "poisson" -> new ArrivalPattern.Poisson(req(a, "lambda"));
                case "exponential" -> new ArrivalPattern.Exponential(req(a, "lambda"));
                case "periodic_burst" -> new ArrivalPattern.PeriodicBurst(req(a, "base_rate"), req(a, "burst_rate"),
                        req(a, "burst_duration_sec"), req(a, "burst_period_sec"));
                case "diurnal" -> new ArrivalPattern.Diurnal(req(a, "baseline_ops"), req(a, "peak_multiplier"),
                        num(a.path("peak_hour"), 14), num(a.path("trough_hour"), 4));
                case "ramp" -> new ArrivalPattern.Ramp(req(a, "start_ops"), req(a, "end_ops"),
                        num(a.path("duration_sec"), Double.NaN));
                default -> throw new IllegalArgumentException("unknown pattern '" + pattern + "'");
            });
        } catch (IllegalArgumentException e) {
            notes.add("scenario.toml [arrival]: " + e.getMessage() + "; the arrival-rate plot uses intended_rate from metrics.jsonl");
            return Optional.empty();
        }
    }

    private static double req(JsonNode n, String key) {
        if (!n.path(key).isNumber()) {
            throw new IllegalArgumentException("key '" + key + "' is missing or not a number");
        }
        return n.path(key).asDouble();
    }

    private static double num(JsonNode n, double dflt) {
        return n.isNumber() ? n.asDouble() : dflt;
    }

    private static OptionalDouble opt(JsonNode n) {
        return n.isNumber() ? OptionalDouble.of(n.asDouble()) : OptionalDouble.empty();
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }
}

package dev.soak.scenario;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A whole soak scenario, as loaded from TOML (see {@code scenarios/soak/README.md} for every key).
 *
 * <p>Immutable and therefore safe to share between threads.
 *
 * <p>Time: {@code totalSeconds} and the arrival pattern are in <em>scenario time</em>. With
 * {@code [soak] time_scale = k} the run lasts {@code totalSeconds / k} wall seconds and the arrival
 * curve is compressed by {@code k} (see {@link #rateAtWallSec(double)}); rates in ops/s are not
 * scaled. Trends (MB/hour, %/hour) are always measured in wall time.
 *
 * <p>Extension: an INCONCLUSIVE run goes on past {@code totalSeconds}, by the extra run time its
 * verdicts ask for, up to {@code maxTotalSeconds} (scenario seconds, like {@code totalSeconds}, so
 * divided by {@code time_scale} for wall time). Absent (or equal to {@code totalSeconds}): the run
 * ends at {@code totalSeconds} as before. Setting it above {@code totalSeconds} ({@link #extensible()})
 * makes the test at {@code totalSeconds} use half the significance level (α/2), and each
 * extension's final test half of what is left (α/4, α/8, …), so that false alarms stay within α
 * over all of them. E.g. {@code total_seconds = 86400}, {@code max_total_seconds = 172800},
 * {@code time_scale = 2}: the run is planned for 12 wall hours and may last up to 24.
 *
 * @param name            scenario name (top-level {@code name})
 * @param description     free text (top-level {@code description}), empty when absent
 * @param totalSeconds    {@code [duration] total_seconds}, scenario seconds, default 300
 * @param maxTotalSeconds {@code [duration] max_total_seconds}, scenario seconds, ≥ {@code totalSeconds}:
 *                        how long an INCONCLUSIVE run may be extended to; empty (the default) for no extension
 * @param arrival         {@code [arrival]}
 * @param operations      {@code [operations]}
 * @param data            {@code [data]}
 * @param validation      {@code [validation]}
 * @param chaosEnabled    {@code [chaos] enabled}
 * @param target          {@code [target]}
 * @param soak            {@code [soak]} with its abort conditions and thresholds
 */
public record Scenario(
        String name,
        String description,
        double totalSeconds,
        OptionalDouble maxTotalSeconds,
        ArrivalPattern arrival,
        Operations operations,
        DataSpec data,
        ValidationSpec validation,
        boolean chaosEnabled,
        TargetSpec target,
        SoakSettings soak) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(maxTotalSeconds, "maxTotalSeconds");
        Objects.requireNonNull(arrival, "arrival");
        Objects.requireNonNull(operations, "operations");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(soak, "soak");
    }

    /** A {@link ScenarioBuilder} for a scenario called {@code name}, with every default set. */
    public static ScenarioBuilder builder(String name) {
        return ScenarioBuilder.named(name);
    }

    /** Wall-clock length of the run: {@code totalSeconds / time_scale}. */
    public double wallSeconds() {
        return totalSeconds / soak.timeScale();
    }

    /**
     * True when an INCONCLUSIVE run may go on past {@code totalSeconds}: {@code maxTotalSeconds} is
     * present and greater than {@code totalSeconds}. The test at {@code totalSeconds} then uses α/2.
     */
    public boolean extensible() {
        return maxTotalSeconds.isPresent() && maxTotalSeconds.getAsDouble() > totalSeconds;
    }

    /**
     * Longest wall-clock length of the run, extensions included: {@code maxTotalSeconds / time_scale}
     * when {@link #extensible()}, otherwise {@link #wallSeconds()}.
     */
    public double maxWallSeconds() {
        return (extensible() ? maxTotalSeconds.getAsDouble() : totalSeconds) / soak.timeScale();
    }

    /** Intended arrival rate in ops/s at {@code wallSec} seconds after the start of measuring. */
    public double rateAtWallSec(double wallSec) {
        return arrival.ratePerSec(wallSec * soak.timeScale());
    }
}

package dev.soak.scenario;

import java.util.Objects;

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
 * @param name         scenario name (top-level {@code name})
 * @param description  free text (top-level {@code description}), empty when absent
 * @param totalSeconds {@code [duration] total_seconds}, scenario seconds, default 300
 * @param arrival      {@code [arrival]}
 * @param operations   {@code [operations]}
 * @param data         {@code [data]}
 * @param validation   {@code [validation]}
 * @param chaosEnabled {@code [chaos] enabled}
 * @param target       {@code [target]}
 * @param soak         {@code [soak]} with its abort conditions and thresholds
 */
public record Scenario(
        String name,
        String description,
        double totalSeconds,
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

    /** Intended arrival rate in ops/s at {@code wallSec} seconds after the start of measuring. */
    public double rateAtWallSec(double wallSec) {
        return arrival.ratePerSec(wallSec * soak.timeScale());
    }
}

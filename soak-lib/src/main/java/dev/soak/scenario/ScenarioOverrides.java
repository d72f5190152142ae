package dev.soak.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Command-line overrides of a scenario (the flags of {@code soak.java}), applied and re-validated
 * with the same messages as the file, each problem naming the flag that caused it.
 *
 * <ul>
 *   <li>{@code --duration-hours H}: {@code [duration] total_seconds = H × 3600} (scenario time; the
 *       wall length is that divided by {@code time_scale}); a ramp stretches with it.</li>
 *   <li>{@code --max-duration-hours H}: {@code [duration] max_total_seconds = H × 3600} (scenario
 *       time): an INCONCLUSIVE run may go on, by the extra time its verdicts ask for, up to H hours
 *       in all; the test at the planned end then uses α/2.</li>
 *   <li>{@code --checkpoint-interval H}: {@code [soak] checkpoint_interval_sec = H × 3600} (hours, as in the seed).</li>
 *   <li>{@code --endpoint URL}: {@code [target] endpoint}; on an {@code embedded} scenario it also
 *       switches {@code [target] kind} to {@code engram}, i.e. drives the server at URL instead.</li>
 *   <li>{@code --time-scale K}: {@code [soak] time_scale}.</li>
 * </ul>
 * Immutable and thread-safe.
 *
 * @param durationHours            {@code --duration-hours}
 * @param maxDurationHours         {@code --max-duration-hours}
 * @param checkpointIntervalHours  {@code --checkpoint-interval}, hours
 * @param endpoint                 {@code --endpoint}
 * @param timeScale                {@code --time-scale}
 */
public record ScenarioOverrides(OptionalDouble durationHours, OptionalDouble maxDurationHours,
                                OptionalDouble checkpointIntervalHours, Optional<String> endpoint, OptionalDouble timeScale) {

    /** No override. */
    public static ScenarioOverrides none() {
        return new ScenarioOverrides(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty(),
                OptionalDouble.empty());
    }

    /** From nullable flag values, as picocli gives them. */
    public static ScenarioOverrides of(Double durationHours, Double maxDurationHours, Double checkpointIntervalHours,
                                       String endpoint, Double timeScale) {
        return new ScenarioOverrides(opt(durationHours), opt(maxDurationHours), opt(checkpointIntervalHours),
                Optional.ofNullable(endpoint), opt(timeScale));
    }

    /** True when no flag overrides anything. */
    public boolean isEmpty() {
        return equals(none());
    }

    /**
     * The scenario with the overrides applied, validated again.
     *
     * @throws ScenarioException naming the scenario file, the key and the flag that set it
     */
    public Scenario applyTo(Scenario scenario, String source) {
        if (isEmpty()) {
            return scenario;
        }
        ScenarioBuilder b = ScenarioBuilder.from(scenario, source);
        durationHours.ifPresent(h -> b.totalSeconds(h * 3600));
        maxDurationHours.ifPresent(h -> b.maxTotalSeconds(h * 3600));
        checkpointIntervalHours.ifPresent(h -> b.checkpointIntervalSec(h * 3600));
        endpoint.ifPresent(e -> {
            b.endpoint(e);
            if (b.kind == TargetSpec.TargetKind.EMBEDDED) {
                b.kind = TargetSpec.TargetKind.ENGRAM;
            }
        });
        timeScale.ifPresent(b::timeScale);
        try {
            return b.build();
        } catch (ScenarioException e) {
            List<Problem> named = new ArrayList<>();
            for (Problem p : e.problems()) {
                String flag = flagFor(p.keyPath());
                named.add(flag == null ? p : new Problem(p.source(), p.keyPath() + " (set by " + flag + ")", p.value(),
                        p.allowed(), p.hint(), p.line(), p.column()));
            }
            throw new ScenarioException(named);
        }
    }

    /** One line per override, e.g. {@code --time-scale 6 -> [soak] time_scale = 6}. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        durationHours.ifPresent(h -> lines.add("--duration-hours " + Problems.num(h) + " -> [duration] total_seconds = " + Problems.num(h * 3600)));
        maxDurationHours.ifPresent(h -> lines.add("--max-duration-hours " + Problems.num(h)
                + " -> [duration] max_total_seconds = " + Problems.num(h * 3600)));
        checkpointIntervalHours.ifPresent(h -> lines.add("--checkpoint-interval " + Problems.num(h)
                + " -> [soak] checkpoint_interval_sec = " + Problems.num(h * 3600)));
        endpoint.ifPresent(e -> lines.add("--endpoint " + e + " -> [target] endpoint = " + Problems.quote(e)
                + " (an embedded target becomes kind = \"engram\")"));
        timeScale.ifPresent(k -> lines.add("--time-scale " + Problems.num(k) + " -> [soak] time_scale = " + Problems.num(k)));
        return lines;
    }

    private String flagFor(String keyPath) {
        String k = keyPath.toLowerCase(Locale.ROOT);
        if (durationHours.isPresent() && k.startsWith("[duration] total_seconds")) {
            return "--duration-hours " + Problems.num(durationHours.getAsDouble());
        }
        if (maxDurationHours.isPresent() && k.startsWith("[duration] max_total_seconds")) {
            return "--max-duration-hours " + Problems.num(maxDurationHours.getAsDouble());
        }
        if (checkpointIntervalHours.isPresent() && k.startsWith("[soak] checkpoint_interval_sec")) {
            return "--checkpoint-interval " + Problems.num(checkpointIntervalHours.getAsDouble());
        }
        if (endpoint.isPresent() && k.startsWith("[target] endpoint")) {
            return "--endpoint";
        }
        if (timeScale.isPresent() && k.startsWith("[soak] time_scale")) {
            return "--time-scale " + Problems.num(timeScale.getAsDouble());
        }
        return null;
    }

    private static OptionalDouble opt(Double v) {
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}

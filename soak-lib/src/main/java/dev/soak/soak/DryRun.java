package dev.soak.soak;

import dev.soak.detect.Detectability;
import dev.soak.scenario.Scenario;
import dev.soak.scenario.ScenarioCommandLine;
import dev.soak.scenario.ScenarioOverrides;
import dev.soak.scenario.ScenarioPlan;
import dev.soak.scenario.SoakSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code soak.java --dry-run}: validates a scenario and prints its plan ({@link ScenarioPlan}) with what a run of its
 * length can find ({@link Detectability}). Nothing is started. Stateless and thread-safe.
 */
public final class DryRun {
    private DryRun() {
    }

    /** Prints the plan of {@code file} to {@code out}; returns 0, or 2 after printing what is wrong to {@code err}. */
    public static int print(Path file, ScenarioOverrides overrides, PrintStream out, PrintStream err) {
        Optional<Scenario> s = ScenarioCommandLine.load(file, overrides, err);
        if (s.isEmpty()) {
            return ScenarioCommandLine.BAD_INPUT;
        }
        out.print(ScenarioPlan.render(s.get(), overrides));
        out.println();
        out.print(detectability(s.get()));
        out.flush();
        return ScenarioCommandLine.OK;
    }

    /** The plan's section on what the run can find, for the load after a fixed warm-up, else the whole run. */
    static String detectability(Scenario s) {
        SoakSettings k = s.soak();
        double warmup = k.warmupSec().orElse(0);
        String said = k.warmupSec().isPresent() ? " after the warm-up" : " (less the warm-up the analysis finds)";
        return Detectability.text((s.wallSeconds() - warmup) / 3600, said, k.thresholds().memoryLeakMbPerHour(),
                k.thresholds().latencyDriftPctPerHour());
    }
}

package dev.soak.scenario;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code soak.java} does with a scenario before anything runs, so the script stays thin:
 * pick the scenario argument, load it, apply the flags, print problems (never a stack trace) and
 * map them to exit code {@value ScenarioException#EXIT_CODE}. Stateless and thread-safe.
 */
public final class ScenarioCommandLine {
    /** Exit code of a successful dry run ({@code dev.soak.soak.DryRun}). */
    public static final int OK = 0;
    /** Exit code of bad input: a bad or missing scenario, a bad flag. */
    public static final int BAD_INPUT = ScenarioException.EXIT_CODE;

    private ScenarioCommandLine() {
    }

    /** Name of the scenario copy in a run directory. */
    public static final String RUN_DIR_SCENARIO = "scenario.toml";

    /**
     * The scenario file given either positionally or as {@code --scenario}; with neither, and a
     * {@code resumeDir} (nullable), the run directory's own {@value #RUN_DIR_SCENARIO}. Prints what
     * is wrong to {@code err} and returns empty when there is no scenario or two different ones.
     */
    public static Optional<Path> chooseScenario(Path positional, Path option, Path resumeDir, PrintStream err) {
        if (positional != null && option != null && !positional.equals(option)) {
            err.println("Two scenarios given: " + positional + " and --scenario " + option + ". Give one of them.");
            return Optional.empty();
        }
        Path p = positional != null ? positional : option;
        if (p == null && resumeDir != null) {
            p = resumeDir.resolve(RUN_DIR_SCENARIO);
        }
        if (p == null) {
            err.println("No scenario given. Pass a scenario file, e.g. scenarios/smoke.toml (or --scenario FILE).");
        }
        return Optional.ofNullable(p);
    }

    /**
     * Loads {@code file}, applies {@code overrides} and returns the scenario; on any problem prints
     * the problem list to {@code err} and returns empty (the caller exits with {@link #BAD_INPUT}).
     */
    public static Optional<Scenario> load(Path file, ScenarioOverrides overrides, PrintStream err) {
        try {
            return Optional.of(overrides.applyTo(ScenarioLoader.load(file), file.toString()));
        } catch (ScenarioException e) {
            err.println(e.getMessage());
            return Optional.empty();
        }
    }
}

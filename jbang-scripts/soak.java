///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.soak:soak-lib:0.1.0-SNAPSHOT
//DEPS info.picocli:picocli:4.7.7
//JAVA_OPTIONS -Xmx1g

import dev.soak.soak.DryRun;
import dev.soak.soak.SoakException;
import dev.soak.soak.SoakOrchestrator;
import dev.soak.soak.SoakResult;
import dev.soak.scenario.ScenarioCommandLine;
import dev.soak.scenario.ScenarioOverrides;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "soak", mixinStandardHelpOptions = true, version = "soak 0.1.0",
        description = "Runs a soak test described by a TOML scenario (see scenarios/soak/README.md): starts or finds the target, "
                + "drives the load, samples resources, writes the run directory live with checkpoints and verdicts, "
                + "and ends with report.txt / report.json / report.html. "
                + "Exit codes: 0 pass, 1 fail or abort, 2 bad input, 3 inconclusive, 130/143 interrupted (Ctrl-C / SIGTERM).")
public class soak implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", description = "Scenario TOML file, e.g. scenarios/smoke.toml.")
    Path scenarioArg;

    @Option(names = {"-s", "--scenario"}, paramLabel = "FILE", description = "Scenario TOML file (instead of the positional argument).")
    Path scenarioOption;

    @Option(names = "--dry-run", description = "Validate the scenario and print the plan; start nothing.")
    boolean dryRun;

    @Option(names = {"-d", "--duration-hours"}, paramLabel = "H", description = "Override [duration] total_seconds with H hours (scenario time).")
    Double durationHours;

    @Option(names = "--max-duration-hours", paramLabel = "H", description = "Let an INCONCLUSIVE run go on, by the extra time its verdicts ask for, up to H hours in all (scenario time); sets [duration] max_total_seconds.")
    Double maxDurationHours;

    @Option(names = "--checkpoint-interval", paramLabel = "H", description = "Override [soak] checkpoint_interval_sec with H hours (e.g. 0.25).")
    Double checkpointIntervalHours;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", description = "Run directory to write (default runs/<scenario-name>-<timestamp>).")
    Path outputDir;

    @Option(names = "--endpoint", paramLabel = "URL", description = "Override [target] endpoint (an embedded target then drives this URL instead).")
    String endpoint;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the interrupted run in DIR (same directory; the gap is recorded). The scenario defaults to DIR/scenario.toml.")
    Path resume;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed, for a reproducible run.")
    Long seed;

    @Option(names = "--metrics-listen", paramLabel = "[HOST:]PORT", description = "While the run goes on, serve its live state (rates, p99, errors, the target's resources, each metric's verdict and rate at the last look) as Prometheus text at http://HOST:PORT/metrics; HOST defaults to 127.0.0.1, 0.0.0.0 listens on every interface.")
    String metricsListen;

    @Option(names = "--time-scale", paramLabel = "K", description = "Override [soak] time_scale: K scenario seconds per wall second.")
    Double timeScale;

    public static void main(String... args) { System.exit(new CommandLine(new soak()).execute(args)); }

    @Override
    public Integer call() {
        ScenarioOverrides overrides = ScenarioOverrides.of(durationHours, maxDurationHours, checkpointIntervalHours, endpoint, timeScale);
        Optional<Path> file = ScenarioCommandLine.chooseScenario(scenarioArg, scenarioOption, resume, System.err);
        if (file.isEmpty()) {
            return ScenarioCommandLine.BAD_INPUT;
        }
        if (dryRun) {
            return DryRun.print(file.get(), overrides, System.out, System.err);
        }
        SoakOrchestrator.Builder b = SoakOrchestrator.builder().overrides(overrides).handleSignals(true)
                .outputDir(outputDir).resume(resume);
        b.scenarioFile(file.get());
        if (seed != null) {
            b.seed(seed);
        }
        try {
            if (metricsListen != null) {
                b.metricsListen(metricsListen);
            }
            return b.build().run().exitCode();
        } catch (SoakException | IllegalStateException e) {
            System.err.println("soak: " + e.getMessage());
            return SoakResult.EXIT_BAD_INPUT;
        }
    }
}

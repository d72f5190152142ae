///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.soak:soak-lib:0.1.0-SNAPSHOT
//DEPS info.picocli:picocli:4.7.7

import dev.soak.detect.AnalysisOptions;
import dev.soak.detect.DurationText;
import dev.soak.detect.sim.Calibration;
import dev.soak.detect.sim.CalibrationProgress;
import dev.soak.detect.sim.CalibrationTable;
import dev.soak.detect.sim.Cell;
import dev.soak.detect.sim.CellResult;
import dev.soak.detect.sim.Grids;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Monte Carlo calibration of Soak's leak/drift detectors beside the seed's naive rules: "
                + "detection and false-alarm rates (Wilson 95 %% intervals), time to FAIL with hourly live looks, "
                + "rate error and the information limit T* per cell.")
class calibrate implements Callable<Integer> {
    @Option(names = "--quick", description = "Small grid and 100 runs per cell (under 2 minutes on 2 cores).")
    boolean quick;

    @Option(names = "--long", description = "Runs of 3 and 7 days instead of the issue's grid: stable, wandering and diurnal noise, leaks of 2, 5 and 10 MB/h and a 0.5 %%/h drift, their samples thinned to points coarser than a minute (under an hour on 2 cores at the default 100 runs per cell).")
    boolean longRuns;

    @Option(names = "--runs", description = "Runs per cell (default: 100 with --quick or --long, 2000 otherwise).")
    Integer runs;

    @Option(names = "--threads", defaultValue = "2", description = "Worker threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--seed", defaultValue = "20261128", description = "Base random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--cells", description = "Only cells whose name matches this regular expression.")
    String cells;

    @Option(names = "--t-star-multiple", defaultValue = "1.5", description = "Leak and drift cells run for this multiple of their information limit T* (default: ${DEFAULT-VALUE}, the issue's figure; larger values show how long Soak needs where 1.5 is not enough).")
    double tStarMultiple;

    @Option(names = "--max-hours", defaultValue = "24", description = "… but at most this many hours (default: ${DEFAULT-VALUE}; at least 2).")
    double maxHours;

    @Option(names = "--sample-sec", defaultValue = "60", paramLabel = "S", description = "Sample every cell's series every S seconds (default: ${DEFAULT-VALUE}). The noise keeps its persistence per minute and the spikes their rate per hour, so T* and the run lengths stay; use it to check the figures at your own resource_check_interval_sec or sample_interval_sec (the latter is 10 s by default).")
    double sampleSec;

    @Option(names = "--until-decided", paramLabel = "M", description = "Simulate runs that may be extended while INCONCLUSIVE (as [duration] max_total_seconds does), up to M times their length: the test at the planned end at α/2, each extension's at half the rest. Default: runs of fixed length, whose INCONCLUSIVE ends are followed up once at the full α.")
    Double untilDecided;

    @Option(names = "--out", defaultValue = "calibration", description = "Output file prefix for .csv and .md (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!(tStarMultiple > 0)) {
            System.err.printf("calibrate: --t-star-multiple %s is not allowed: leak and drift cells run for this multiple of T*, so it must be above 0 (1.5 is the issue's figure).%n", tStarMultiple);
            return 2;
        }
        if (!(maxHours >= 2)) {
            System.err.printf("calibrate: --max-hours %s is not allowed: cells run for at least 2 hours, so the cap must be at least 2 (default 24).%n", maxHours);
            return 2;
        }
        if (untilDecided != null && !(untilDecided > 1)) {
            System.err.printf("calibrate: --until-decided %s is not allowed: it is the longest a run may become, as a multiple of its planned length, so it must be above 1 (e.g. 3).%n", untilDecided);
            return 2;
        }
        if (!(sampleSec > 0 && sampleSec <= 600)) {
            System.err.printf("calibrate: --sample-sec %s is not allowed: it is the sampling interval of the synthetic series in seconds, from above 0 to 600 (the blocks the analysis averages are 10 minutes at most; default 60).%n", sampleSec);
            return 2;
        }
        if (quick && longRuns) {
            System.err.println("calibrate: --quick and --long cannot be combined: --quick is a small grid of the issue's 2-24 h runs, --long a grid of 3- and 7-day runs; choose one.");
            return 2;
        }
        List<Cell> grid = longRuns ? Grids.longRuns()
                : quick ? Grids.quick(tStarMultiple, maxHours) : Grids.full(tStarMultiple, maxHours);
        if (sampleSec != 60) {
            grid = grid.stream().map(c -> c.atSampleSec(sampleSec)).toList();
        }
        if (cells != null) {
            Pattern p = Pattern.compile(cells);
            grid = grid.stream().filter(c -> p.matcher(c.name()).find()).toList();
        }
        int n = runs != null ? runs : quick || longRuns ? 100 : 2000;
        long start = System.nanoTime();
        System.out.printf("calibrate: %d cells x %d runs on %d threads%n", grid.size(), n, threads);
        System.out.println("T* = [12·σ²_LR·(z_{1−α/k} + z_{1−β})²/b²]^(1/3) with α = 0.05 and k the gating metrics of the cell"
                + " (2: RSS and p99; 3 with a heap): α/k is the level Holm gives one trending metric, so T* is 6-10 % longer"
                + " than for a single test at α. Power 95 % for leaks and stable cells (b = 10 MB/h), 90 % for drifts.");
        if (longRuns) {
            System.out.printf("Every cell runs for its stated length (3 or 7 days). Samples every %s s.%n", sampleSec);
        } else {
            System.out.printf("Leak and drift cells run for %s × T* (2 to %s h). Samples every %s s.%n", tStarMultiple,
                    maxHours, sampleSec);
        }
        System.out.println("\"CI holds the truth\": the share of runs whose final 90 % interval of the rate holds the injected one"
                + " (the leak on the memory that carries it, the drift on p99; 0 where none): about 90 % for an honest interval.");
        if (untilDecided != null) {
            System.out.printf("Runs may be extended while INCONCLUSIVE, by the time asked for, up to %s × their length; FAIL and its time count the extensions, \"inconclusive\" is the share extended, \"decided\" the share of those that ended PASS or FAIL.%n", untilDecided);
        } else {
            System.out.println("Runs that end INCONCLUSIVE are continued once by the extra time they ask for and analysed again at the full α (\"decided then\", \"FAIL with it\").");
        }
        List<CellResult> res = Calibration.run(grid, n, seed, threads, AnalysisOptions.defaults(),
                untilDecided == null ? 0 : untilDecided, new Progress(System.console() != null));
        Files.writeString(Path.of(out + ".csv"), CalibrationTable.csv(res));
        Files.writeString(Path.of(out + ".md"), CalibrationTable.markdown(res));
        System.out.printf("wrote %s.csv and %s.md in %.1f s%n", out, out, (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /** Each cell's line on stdout; on a console, the runs of the cell under way on stderr, rewritten at most once a second. */
    static final class Progress implements CalibrationProgress {
        private final boolean console;
        private long cellStart = System.nanoTime();
        private long shown;

        Progress(boolean console) {
            this.console = console;
        }

        @Override
        public synchronized void cellDone(CellResult result) {
            if (console) {
                System.err.print("\r\033[K");
            }
            System.out.println(CalibrationTable.line(result));
            cellStart = System.nanoTime();
        }

        @Override
        public synchronized void runDone(Cell cell, int done, int runs) {
            long now = System.nanoTime();
            if (!console || now - shown < 1_000_000_000L && done < runs) {
                return;
            }
            shown = now;
            double sec = (now - cellStart) / 1e9;
            System.err.printf("\r\033[K  %s: %d/%d runs, %s, about %s left", cell.name(), done, runs, DurationText.of(sec),
                    DurationText.of(sec / done * (runs - done)));
        }
    }

    public static void main(String... args) { System.exit(new CommandLine(new calibrate()).execute(args)); }
}

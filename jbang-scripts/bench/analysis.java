///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.soak:soak-lib:0.1.0-SNAPSHOT
//DEPS info.picocli:picocli:4.7.7
//JAVA_OPTIONS -Xmx1g

import dev.soak.detect.sim.AnalysisBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "analysis", mixinStandardHelpOptions = true,
        description = "Times a full Soak analysis of 1 h, 24 h and 7 days of 1-second samples (10 fields: 5 trend tests "
                + "and 3 exhaustion forecasts) and checks that time grows about n log n; 7 days must take < 10 s.")
class analysis implements Callable<Integer> {
    @Option(names = "--reps", defaultValue = "5", description = "Timed repetitions per size (median reported; default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--hours", split = ",", defaultValue = "1,24,168", description = "Run lengths in hours (default: ${DEFAULT-VALUE}).")
    double[] hours;

    @Option(names = "--limit-sec", defaultValue = "10", description = "Budget for the longest size in seconds (default: ${DEFAULT-VALUE}).")
    double limitSec;

    @Override
    public Integer call() {
        System.out.printf(Locale.ROOT, "%8s %10s %12s %10s %16s %s%n", "hours", "samples", "median_ms", "min_ms",
                "ms_per_n·log2n", "verdict");
        AnalysisBenchmark.Timing last = null;
        for (double h : hours) {
            AnalysisBenchmark.Timing t = AnalysisBenchmark.time(h, reps, 1);
            double nlogn = t.samples() * (Math.log(t.samples()) / Math.log(2));
            System.out.printf(Locale.ROOT, "%8.0f %10d %12.1f %10.1f %16.3e %s%n", t.hours(), t.samples(), t.medianMs(),
                    t.minMs(), t.medianMs() / nlogn, t.verdict());
            last = t;
        }
        boolean ok = last != null && last.medianMs() < limitSec * 1000;
        System.out.printf(Locale.ROOT, "%s: longest size took %.2f s (budget %.0f s)%n", ok ? "OK" : "TOO SLOW",
                last == null ? 0 : last.medianMs() / 1000, limitSec);
        return ok ? 0 : 1;
    }

    public static void main(String... args) { System.exit(new CommandLine(new analysis()).execute(args)); }
}

///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.soak:soak-lib:0.1.0-SNAPSHOT
//DEPS info.picocli:picocli:4.7.7

import dev.soak.report.Analyze;
import dev.soak.report.Progress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "analyze", mixinStandardHelpOptions = true, version = "soak 0.1.0",
        description = {"Analyses soak run directories (complete, aborted, crashed or still running).",
                "Writes leak, drift and exhaustion verdicts to report.txt, report.json, report.html and plots/*.png.",
                "Several directories are the load generators of one test and are merged exactly.",
                "Exit codes: 0 pass, 1 leak, drift or abort, 2 bad input, 3 inconclusive."})
public class analyze implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Run directories written by soak.java (several = load generators of one test).")
    List<Path> directories;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Where to write the reports (default: the run directory; with several directories <first>/merged).")
    Path output;

    @Option(names = "--csv", description = "Also write the resources, metrics and events tables as CSV into <output>/csv.")
    boolean csv;

    @Override
    public Integer call() {
        Analyze.Result result;
        try (Progress progress = Progress.to(System.err::println)) {
            result = Analyze.run(new Analyze.Options(directories, output, csv, false), progress);
        }
        (result.exitCode() == 2 ? System.err : System.out).println(result.summary());
        return result.exitCode();
    }

    public static void main(String... args) { System.exit(new CommandLine(new analyze()).execute(args)); }
}

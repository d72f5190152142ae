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

@Command(name = "plot", mixinStandardHelpOptions = true, version = "soak 0.1.0",
        description = {"Writes the plots of soak run directories (PNG, time in hours) into <output>/plots.",
                "Memory, latency, throughput, resources, CPU and arrival rate. Exit 0, or 2 on bad input."})
public class plot implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Run directories written by soak.java (several are merged).")
    List<Path> directories;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Where plots/ goes (default: the run directory; with several directories <first>/merged).")
    Path output;

    @Override
    public Integer call() {
        Analyze.Result result;
        try (Progress progress = Progress.to(System.err::println)) {
            result = Analyze.run(new Analyze.Options(directories, output, false, true), progress);
        }
        (result.exitCode() == 2 ? System.err : System.out).println(result.summary());
        return result.exitCode();
    }

    public static void main(String... args) { System.exit(new CommandLine(new plot()).execute(args)); }
}

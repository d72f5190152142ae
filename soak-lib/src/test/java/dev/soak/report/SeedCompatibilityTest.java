package dev.soak.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's analysis scripts (copies under {@code compat/}) work on our run directories: its
 * plot_soak_results.py reads our checkpoints, its analyze_soak_test.sh greps our report.txt.
 * Needs Debian's python3 with matplotlib ({@code apt-get install -y python3-matplotlib}).
 */
class SeedCompatibilityTest {
    static final String PYTHON = System.getenv().getOrDefault("SOAK_PYTHON", "/usr/bin/python3");

    @TempDir
    static Path tmp;
    static Path compat;

    @BeforeAll
    static void findCompat() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("compat/analyze_soak_test.sh"))) {
            p = p.getParent();
        }
        compat = p == null ? null : p.resolve("compat");
    }

    private static void assumePython() throws Exception {
        assumeTrue(compat != null, "compat/ not found above " + Path.of("").toAbsolutePath());
        boolean ok;
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import matplotlib").redirectErrorStream(true).start();
            ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            ok = false;
        }
        assumeTrue(ok, PYTHON + " with matplotlib is not available (apt-get install -y python3-matplotlib); the seed-compatibility check is skipped");
    }

    private static Result sh(Path runDir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", compat.resolve("analyze_soak_test.sh").toString(), runDir.toString())
                .redirectErrorStream(true);
        pb.environment().put("PYTHON", PYTHON);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    record Result(int exit, String output) { }

    @Test
    void seedScripts_healthyRun_passAndPlotOurCheckpoints() throws Exception {
        assumePython();
        Path dir = SyntheticRun.write(tmp.resolve("healthy"), Runs.base().withOpsPerSec(5));
        assertThat(Analyze.run(Analyze.Options.of(dir)).exitCode()).isIn(0, 3); // no FAIL: no marker
        Result r = sh(dir);
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("plotted 8 checkpoints").contains("[OK] Soak test passed all checks");
        for (String png : List.of("memory_over_time.png", "latency_over_time.png")) {
            assertThat(Files.size(dir.resolve("analysis").resolve(png))).isGreaterThan(10_000);
        }
    }

    @Test
    void seedScripts_leakingRun_warnAndExit1() throws Exception {
        assumePython();
        Path dir = SyntheticRun.write(tmp.resolve("leak"), Runs.base().withOpsPerSec(5).withLeak(30).withSeed(9));
        assertThat(Analyze.run(Analyze.Options.of(dir)).exitCode()).isEqualTo(1);
        Result r = sh(dir);
        assertThat(r.exit()).as(r.output()).isEqualTo(1);
        assertThat(r.output()).contains("[WARN] Memory leak detected");
    }
}

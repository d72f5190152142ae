package dev.soak.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A slow report says what it is doing: nothing before its quiet time, then each new step once, a long step again
 * after the repeat time, and nothing once closed. (The thresholds here are short; the report's own are
 * {@link Progress#QUIET_SEC} and {@link Progress#REPEAT_SEC}.)
 */
class ProgressTest {

    @TempDir
    Path tmp;

    @Test
    void afterItsQuietTime_eachStepIsNamedWithTheTimeSoFar_andALongOneAgain() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Progress p = new Progress(lines::add, 0.2, 0.6)) {
            Path metrics = Files.write(tmp.resolve("metrics.jsonl"), new byte[3 * 1024 * 1024]);
            p.reading(metrics);
            awaitLines(lines, 1);
            assertThat(lines.get(0)).matches("report: reading .*metrics\\.jsonl \\(3 MB\\), \\d+ s so far");
            awaitLines(lines, 2); // the same step, said again after the repeat time
            assertThat(lines.get(1)).startsWith("report: reading ");
            p.step("writing the reports");
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (lines.stream().noneMatch(l -> l.startsWith("report: writing the reports, ")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(lines).anyMatch(l -> l.startsWith("report: writing the reports, "));
        }
        int closedAt = lines.size();
        Thread.sleep(1000);
        assertThat(lines).hasSize(closedAt);
    }

    @Test
    void aReportFasterThanItsQuietTime_saysNothing() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Progress p = new Progress(lines::add, 30, 30)) {
            p.step("reading");
            Thread.sleep(600);
            p.step("writing");
            Thread.sleep(600);
        }
        assertThat(lines).isEmpty();
        Progress.none().step("anything");
        Progress.none().close();
    }

    private static void awaitLines(List<String> lines, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (lines.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(lines).as("lines said").hasSizeGreaterThanOrEqualTo(n);
    }
}

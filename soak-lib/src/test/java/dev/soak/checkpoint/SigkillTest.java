package dev.soak.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real writer process killed with SIGKILL mid-write ({@link Process#destroyForcibly()} sends
 * SIGKILL on Linux): what it wrote reads back as a gap-free prefix, a torn last line is counted,
 * and the directory resumes into a consistent whole.
 */
class SigkillTest {
    @TempDir
    Path tmp;

    private Process startChild(Path dir, String mode, int first) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
            KilledWriterMain.class.getName(), dir.toString(), mode, Integer.toString(first));
        pb.redirectError(tmp.resolve("child-" + mode + ".err").toFile());
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("child said ready (stderr: %s)", readErr(mode)).isEqualTo("ready");
        return p;
    }

    private String readErr(String mode) {
        try {
            return Files.readString(tmp.resolve("child-" + mode + ".err"));
        } catch (Exception e) {
            return "?";
        }
    }

    /** Waits until metrics.jsonl holds at least {@code lines} complete lines, then SIGKILLs. */
    private void killAfter(Process p, Path dir, int lines) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (RunDirectoryReader.open(dir).resources().rows().size() < lines && p.isAlive()
            && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(p.isAlive()).as("writer still running when killed").isTrue();
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(137); // 128 + SIGKILL
    }

    private static long newlines(Path f) throws Exception {
        byte[] b = Files.readAllBytes(f);
        long n = 0;
        for (byte x : b) {
            n += x == '\n' ? 1 : 0;
        }
        return n;
    }

    private static boolean endsWithNewline(Path f) throws Exception {
        byte[] b = Files.readAllBytes(f);
        return b.length == 0 || b[b.length - 1] == '\n';
    }

    /** Rows have t_sec = from, from+step, …: nothing lost or duplicated before the kill. */
    private static <T> void assertGapFree(List<T> rows, ToDoubleFunction<T> t, double from, double step) {
        for (int i = 0; i < rows.size(); i++) {
            assertThat(t.applyAsDouble(rows.get(i))).as("row %d", i).isEqualTo(from + i * step);
        }
    }

    /** Each file: every complete line read, a torn last line (if any) counted as exactly one skip. */
    private static void assertTornAccounting(Path file, ReadResult<?> rs, long headerLines) throws Exception {
        assertThat(rs.rows().size() + headerLines).as(file.getFileName() + " rows = complete lines")
            .isEqualTo(newlines(file));
        assertThat(rs.skippedLines()).as(file.getFileName() + " skipped " + rs.warnings())
            .isEqualTo(endsWithNewline(file) ? 0 : 1);
    }

    @Test
    void killedWriter_readsPrefix_countsTornLine_resumesConsistently() throws Exception {
        Path dir = tmp.resolve("run");
        Process p = startChild(dir, "create", 1);
        killAfter(p, dir, 150);

        RunDirectoryReader r = RunDirectoryReader.open(dir);
        ReadResult<ResourceSample> res = r.resources();
        ReadResult<IntervalMetrics> met = r.metrics();
        ReadResult<RunEvent> ev = r.events();
        ReadResult<LatencyInterval> lat = r.latencyLog().intervals();
        ReadResult<Checkpoint> cps = r.checkpoints();
        assertThat(res.rows().size()).isGreaterThanOrEqualTo(150);
        assertGapFree(res.rows(), ResourceSample::tSec, 1, 1);
        assertGapFree(met.rows(), IntervalMetrics::tSec, 1, 1);
        assertGapFree(ev.rows(), RunEvent::tSec, 10, 10);
        assertThat(met.rows().get(0).perOperation()).hasSize(KilledWriterMain.OPERATIONS);
        assertThat(met.rows().size()).isBetween(res.rows().size() - 1, res.rows().size());
        assertTornAccounting(dir.resolve("resources.jsonl"), res, 0);
        assertTornAccounting(dir.resolve("metrics.jsonl"), met, 0);
        assertTornAccounting(dir.resolve("events.jsonl"), ev, 0);
        assertTornAccounting(dir.resolve("latency.hlog"), lat, 4); // 3 comment lines + legend
        assertThat(cps.skippedLines()).isZero();
        assertGapFree(cps.rows(), Checkpoint::timestampSec, 25, 25);
        assertThat(r.runInfo().orElseThrow().status()).isEqualTo(RunStatus.RUNNING); // nobody left to say otherwise
        int tornFiles = 0;
        for (String f : RunDirectory.LINE_FILES) {
            tornFiles += endsWithNewline(dir.resolve(f)) ? 0 : 1;
        }
        int n = met.rows().size();
        int resourcesBefore = res.rows().size();
        System.out.printf("SIGKILL test: killed after %d resource rows, %d metrics rows; torn files: %d%n",
            resourcesBefore, n, tornFiles);

        // resume in a second real process, kill it too, then resume in-process and finish cleanly
        Process p2 = startChild(dir, "resume", n + 1);
        killAfter(p2, dir, resourcesBefore + 50);
        ReadResult<IntervalMetrics> met2 = r.metrics();
        assertThat(r.runInfo().orElseThrow().resumes()).hasSize(1);
        assertThat(r.runInfo().orElseThrow().resumes().get(0).droppedLines()).isEqualTo(tornFiles);
        int n2 = met2.rows().size();
        assertGapFree(met2.rows(), IntervalMetrics::tSec, 1, 1);
        assertTornAccounting(dir.resolve("metrics.jsonl"), met2, 0);

        try (RunDirectory run = RunDirectory.resume(dir, Clock.systemUTC())) {
            // the resources/hlog of record n2+1 may exist when the kill fell between files: start after the max
            int next = (int) Math.max(n2, r.resources().rows().get(r.resources().rows().size() - 1).tSec()) + 1;
            for (int i = next; i < next + 10; i++) {
                KilledWriterMain.write(run, i);
            }
            run.finish(RunStatus.COMPLETED, java.time.OffsetDateTime.now());
        }
        ReadResult<IntervalMetrics> after = r.metrics();
        assertThat(after.skippedLines()).isZero();
        assertThat(r.resources().skippedLines()).isZero();
        assertThat(r.events().skippedLines()).isZero();
        assertThat(r.latencyLog().intervals().skippedLines()).isZero();
        assertThat(r.checkpoints().skippedLines()).isZero();
        List<Double> times = new ArrayList<>();
        after.rows().forEach(m -> times.add(m.tSec()));
        assertThat(times).isSorted().doesNotHaveDuplicates();
        assertThat(times.get(times.size() - 1)).isGreaterThan(n2);
        RunInfo info = r.runInfo().orElseThrow();
        assertThat(info.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(info.resumes()).hasSize(2);
        assertThat(r.events().rows()).filteredOn(e -> e.type().equals("resume")).hasSize(2);
        assertThat(new File(dir.toFile(), "checkpoints").list()).allMatch(f -> f.endsWith(".json"));
    }
}

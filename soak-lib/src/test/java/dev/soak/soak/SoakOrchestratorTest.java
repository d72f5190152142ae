package dev.soak.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.soak.checkpoint.RunDirectoryReader;
import dev.soak.checkpoint.RunStatus;
import dev.soak.scenario.Scenario;
import dev.soak.scenario.ScenarioLoader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input ends before any load, with one clear paragraph (exit code 2 in the script). */
class SoakOrchestratorTest {
    @TempDir
    Path tmp;

    @Test
    void missingScenarioFile_isBadInput_namingTheFile() {
        Path missing = tmp.resolve("nope.toml");
        assertThatThrownBy(() -> SoakOrchestrator.builder().scenarioFile(missing).out(null).build().run())
            .isInstanceOf(SoakException.class).hasMessageContaining("nope.toml").hasMessageContaining("does not exist");
    }

    @Test
    void badScenarioValue_isBadInput_namingTheKey() throws IOException {
        Path f = tmp.resolve("bad.toml");
        Files.writeString(f, "name = \"x\"\n[arrival]\npattern = \"constant\"\nrate = -5\n");
        assertThatThrownBy(() -> SoakOrchestrator.builder().scenarioFile(f).outputDir(tmp.resolve("out")).out(null).build().run())
            .isInstanceOf(SoakException.class).hasMessageContaining("rate");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void unreachableTarget_isBadInput_andTheRunDirectorySaysWhy() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        Path f = tmp.resolve("unreachable.toml");
        Files.writeString(f, """
            name = "unreachable"
            [arrival]
            pattern = "constant"
            rate = 10
            [target]
            kind = "engram"
            endpoint = "http://127.0.0.1:%d"
            ready_timeout_sec = 1
            """.formatted(port));
        Path out = tmp.resolve("run");
        assertThatThrownBy(() -> SoakOrchestrator.builder().scenarioFile(f).outputDir(out).out(null).build().run())
            .isInstanceOf(SoakException.class).hasMessageContaining("127.0.0.1:" + port + "/health")
            .hasMessageContaining("ready_timeout_sec").hasMessageContaining("--resume " + out);
        var reader = RunDirectoryReader.open(out);
        assertThat(reader.runInfo().orElseThrow().status()).isEqualTo(RunStatus.ABORTED);
        assertThat(reader.events().rows()).anyMatch(e -> e.type().equals("abort") && e.message().contains("health"));
    }

    @Test
    void unreachableTarget_resumedOnceItAnswers_completes_andTheFirstAttemptIsNoAbortOfTheRun() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there yet
        }
        Path f = PingScenario.write(tmp, "late", 3, 20, port, PingScenario.thisProcess() + "\nready_timeout_sec = 1", "");
        Path out = tmp.resolve("late-run");
        assertThatThrownBy(() -> SoakOrchestrator.builder().scenarioFile(f).outputDir(out).out(null).build().run())
            .isInstanceOf(SoakException.class).hasMessageContaining("--resume " + out);

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        server.createContext("/", ex -> TextAnswer.answer(ex, 200, "ok"));
        server.start();
        try {
            SoakResult r = SoakOrchestrator.builder().resume(out).out(null).build().run();
            assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(r.abortReason()).isEmpty();
            assertThat(r.exitCode()).isNotEqualTo(SoakResult.EXIT_FAIL);
            assertThat(Files.readString(out.resolve("report.txt"))).doesNotContain("RUN ABORTED");
            // the attempt stays on record
            assertThat(RunDirectoryReader.open(out).events().rows())
                .anyMatch(e -> e.type().equals("abort") && e.message().contains("health"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void outputDirHoldingARun_isBadInput_suggestingResume() throws IOException {
        Path out = tmp.resolve("old");
        Files.createDirectories(out);
        Files.writeString(out.resolve("run.json"), "{}");
        Path f = tmp.resolve("s.toml");
        Files.writeString(f, "name = \"x\"\n[arrival]\npattern = \"constant\"\nrate = 5\n");
        assertThatThrownBy(() -> SoakOrchestrator.builder().scenarioFile(f).outputDir(out).out(null).build().run())
            .isInstanceOf(SoakException.class).hasMessageContaining("already holds a run").hasMessageContaining("--resume");
    }

    @Test
    void resumeOfANonRunDirectory_isBadInput() {
        assertThatThrownBy(() -> SoakOrchestrator.builder().resume(tmp).out(null).build().run())
            .isInstanceOf(SoakException.class).hasMessageContaining("not a run directory");
    }

    @Test
    void defaultOutputDir_isRunsNameTimestamp() {
        Scenario s = ScenarioLoader.parse("name = \"Fault: memory leak\"\n[arrival]\npattern = \"constant\"\nrate = 5\n", "t");
        Clock c = Clock.fixed(Instant.parse("2026-11-28T06:15:00Z"), ZoneOffset.UTC);
        assertThat(SoakOrchestrator.defaultOutputDir(s, c)).isEqualTo(Path.of("runs", "fault-memory-leak-20261128-061500"));
    }

    @Test
    void progress_comparesTheLastIntervalsAchievedRateWithItsOwnIntendedRate_andShowsABurstsRateBeside() {
        // the first seconds of a burst: the pattern's rate is 900 ops/s, the last full interval was still at 300
        var burst = new ProgressView.Snapshot("Bursty", "running", 200, 400, 900, 300, 298.6, 3.64, 0,
            new ProgressView.Memory("RSS", 123.9, 5.0), "INCONCLUSIVE", "INCONCLUSIVE", "OK", 3);
        // before: "rate 298.6/900.0 ops/s", a driver that seemed to fall behind by two thirds
        assertThat(ProgressView.line(burst)).contains("rate 298.6/300.0 ops/s (900.0 now) | p99");
        assertThat(ProgressView.block(burst)).contains("  rate     300.0 ops/s intended, 298.6 achieved; 900.0 intended now");
        var steady = new ProgressView.Snapshot("Bursty", "running", 200, 400, 302, 300, 298.6, 3.64, 0,
            new ProgressView.Memory("RSS", 123.9, 5.0), "INCONCLUSIVE", "INCONCLUSIVE", "OK", 3);
        assertThat(ProgressView.line(steady)).contains("rate 298.6/300.0 ops/s | p99").doesNotContain("now");
    }

    @Test
    void checkpointLine_namesTheMemoryMetricItsVerdictIsOf() {
        // RSS flat, the heap after GC leaking 200 MB/h: the memory verdict that decides is the heap's
        var run = dev.soak.detect.sim.SeriesGenerator.generate(
            dev.soak.detect.sim.SimSpec.stable().withNoise(2, 0.5).withSawtooth(50, 120).withLeak(200), 3);
        var res = run.resources(run.size()).stream().map(r -> new dev.soak.checkpoint.ResourceSample(r.tSec(),
            r.cpuPercent(), 500, r.vsizeMb(), r.threads(), r.openFds(), r.networkConnections(), r.diskIoMb(), r.pssMb(),
            r.anonMb(), r.swapMb(), r.heapAfterGcMb(), r.maxOpenFiles(), r.memoryLimitMb())).toList();
        var a = dev.soak.detect.Analysis.analyze(res, run.metrics(run.size()), dev.soak.detect.AnalysisOptions.defaults());
        assertThat(a.leak().metric()).isEqualTo("heap_after_gc_mb");
        String line = ProgressView.checkpointLine(a, 8 * 3600);
        assertThat(line).startsWith("checkpoint 0 at 08:00:00: memory FAIL (heap_after_gc_mb +")
            .contains(" MB/h), latency ").endsWith("overall FAIL");
    }

    @Test
    void checkpointLine_saysAResourceThatReachedItsLimit_isAtIt_notThatItGetsThereIn0Hours() {
        // fds at 100, but at the limit 1024 in every 20th sample
        var run = dev.soak.detect.sim.SeriesGenerator.generate(dev.soak.detect.sim.SimSpec.stable(), 3);
        var res = run.resources(run.size()).stream().map(r -> new dev.soak.checkpoint.ResourceSample(
            r.tSec(), r.cpuPercent(), r.rssMb(), r.vsizeMb(), r.threads(), Math.round(r.tSec()) % 1200 == 0 ? 1024 : 100,
            r.networkConnections(), r.diskIoMb(), r.pssMb(), r.anonMb(), r.swapMb(), r.heapAfterGcMb(), 1024,
            r.memoryLimitMb())).toList();
        var a = dev.soak.detect.Analysis.analyze(res, run.metrics(run.size()), dev.soak.detect.AnalysisOptions.defaults());
        // before: "; EXHAUSTION open_fds in 0.0 h"
        assertThat(ProgressView.checkpointLine(a, 8 * 3600)).endsWith("overall FAIL; EXHAUSTION open_fds at its limit");
    }

    @Test
    void progress_showsTheHeapAfterGc_ofATargetWhoseRssNoSampleMeasures() {
        var noRss = new dev.soak.checkpoint.ResourceSample(30, 1, Double.NaN, Double.NaN, 31, 50, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, 48.25, 65536, Double.NaN);
        var m = ProgressView.Memory.of(noRss, java.util.Optional.empty());
        assertThat(m).isEqualTo(new ProgressView.Memory("heap after GC", 48.25, Double.NaN));
        var snap = new ProgressView.Snapshot("Remote", "running", 35, 25, 200, 200, 199.8, 1.234, 0.001, m,
            "PASS", "PASS", "OK", 2);
        assertThat(ProgressView.line(snap)).contains("| heap after GC 48.3 MB (- MB/h) |");
        var withRss = new dev.soak.checkpoint.ResourceSample(30, 1, 140, Double.NaN, 31, 50, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, 48.25, 65536, Double.NaN);
        assertThat(ProgressView.Memory.of(withRss, java.util.Optional.empty()).name()).isEqualTo("RSS");
        assertThat(ProgressView.Memory.of(null, java.util.Optional.empty()).name()).isEqualTo("RSS");
    }

    @Test
    void progress_plainLineAndTerminalBlock() {
        var snap = new ProgressView.Snapshot("Smoke", "running", 35, 25, 200, 200, 199.8, 1.234, 0.001,
            new ProgressView.Memory("RSS", 123.4, 1.2), "INCONCLUSIVE", "PASS", "EXHAUSTION open_fds", 2);
        assertThat(ProgressView.line(snap)).contains("00:00:35 elapsed", "00:00:25 left", "199.8/200.0 ops/s |",
            "p99 1.23 ms", "errors 0.100 %", "RSS 123.4 MB (+1.2 MB/h)", "memory INCONCLUSIVE, latency PASS, resources EXHAUSTION open_fds");
        assertThat(ProgressView.block(snap)).hasSize(5).anyMatch(l -> l.contains("(look 2)"));
        var out = new java.io.ByteArrayOutputStream();
        ProgressView v = new ProgressView(new java.io.PrintStream(out, true), true);
        v.show(snap);
        v.show(snap);
        assertThat(out.toString()).contains("\033[5F\033[J"); // the second block redraws the first
    }
}

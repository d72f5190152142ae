package dev.soak.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.soak.report.ReportModel.Kind;
import dev.soak.report.ReportModel.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportMarkersTest {
    @TempDir
    Path tmp;

    @Test
    void healthyRun_passes_andReportTxtHasNoMarker() throws Exception {
        Path dir = Runs.healthy(tmp.resolve("healthy"));
        var result = Analyze.run(Analyze.Options.of(dir));
        assertThat(result.exitCode()).as(result.summary()).isEqualTo(RunAnalysis.EXIT_PASS);
        String txt = Files.readString(dir.resolve("report.txt"));
        assertThat(txt).doesNotContain("MEMORY_LEAK_DETECTED").doesNotContain("LATENCY_DRIFT_DETECTED").contains("OVERALL         : PASS");
        assertThat(Files.readString(dir.resolve("report.html"))).doesNotContain("id=\"findings\"");
    }

    @Test
    void leakAndDrift_fail_andReportTxtHasBothMarkers() throws Exception {
        Path dir = Runs.leakAndDrift(tmp.resolve("leak"));
        var result = Analyze.run(Analyze.Options.of(dir));
        assertThat(result.exitCode()).as(result.summary()).isEqualTo(RunAnalysis.EXIT_FAIL);
        assertThat(result.model().leakDetected()).isTrue();
        assertThat(result.model().driftDetected()).isTrue();
        String txt = Files.readString(dir.resolve("report.txt"));
        assertThat(txt).containsPattern("(?m)^MEMORY_LEAK_DETECTED: ").containsPattern("(?m)^LATENCY_DRIFT_DETECTED: ");
        // the HTML report lists the same findings right under the overall verdict (markers stay report.txt's own)
        assertThat(Files.readString(dir.resolve("report.html"))).containsPattern(
                "<ul id=\"findings\"><li>memory leak detected: pss_mb grows [^<]+</li><li>latency drift detected: p99_latency_ms grows ");
        var leak = result.model().verdicts().stream().filter(v -> v.kind() == Kind.LEAK).findFirst().orElseThrow();
        assertThat(leak.estimate()).isBetween(25.0, 35.0);
        assertThat(leak.lower()).isLessThan(30.0);
        assertThat(leak.upper()).isGreaterThan(30.0 * 0.9);
    }

    @Test
    void leakOnly_printsOnlyTheLeakMarker() throws Exception {
        Path dir = SyntheticRun.write(tmp.resolve("leakonly"), Runs.base().withLeak(30).withSeed(3));
        Analyze.run(Analyze.Options.of(dir));
        String txt = Files.readString(dir.resolve("report.txt"));
        assertThat(txt).contains("MEMORY_LEAK_DETECTED").doesNotContain("LATENCY_DRIFT_DETECTED");
    }

    @Test
    void markerInAnEventMessage_isNotCopiedIntoReportTxt() throws Exception {
        Path dir = Runs.healthy(tmp.resolve("scrub"));
        Files.writeString(dir.resolve("events.jsonl"),
                "{\"t_sec\":10,\"type\":\"warning\",\"level\":\"warn\",\"message\":\"MEMORY_LEAK_DETECTED and LATENCY_DRIFT_DETECTED? no\"}\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        var result = Analyze.run(Analyze.Options.of(dir));
        assertThat(result.model().overall()).isEqualTo(Verdict.PASS);
        String txt = Files.readString(dir.resolve("report.txt"));
        assertThat(txt).doesNotContain("MEMORY_LEAK_DETECTED").doesNotContain("LATENCY_DRIFT_DETECTED").contains("memory leak detected and");
    }

    @Test
    void abortedRun_exitsOne_evenWithoutFailingVerdict() throws Exception {
        Path dir = SyntheticRun.write(tmp.resolve("aborted"), Runs.base().withAborted(true));
        var result = Analyze.run(Analyze.Options.of(dir));
        assertThat(result.exitCode()).as(result.summary()).isEqualTo(RunAnalysis.EXIT_FAIL);
        assertThat(Files.readString(dir.resolve("report.txt"))).contains("RUN ABORTED").doesNotContain("MEMORY_LEAK_DETECTED");
        // every report says FAIL with the reason, not the data's verdict beside exit code 1 (the crash fault's
        // report.txt read "OVERALL : INCONCLUSIVE   exit code 1: FAIL: …")
        Verdict data = result.model().overall();
        assertThat(data).isNotEqualTo(Verdict.FAIL);
        String because = "FAIL (the run was aborted; the verdicts of its data: " + data + ")";
        assertThat(Files.readString(dir.resolve("report.txt"))).contains("OVERALL         : " + because + "   exit code 1");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("<span class=\"v FAIL\">FAIL</span> (the run was"
                + " aborted; the verdicts of its data: " + data + ")");
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(json.path("overall").asText()).isEqualTo("FAIL");
        assertThat(json.path("verdicts_overall").asText()).isEqualTo(data.name());
        assertThat(result.summary()).contains(": FAIL (aborted, ");
    }

    @Test
    void shortRun_isInconclusive_withExtraTime() throws Exception {
        Path dir = SyntheticRun.write(tmp.resolve("short"), Runs.base().withDurationSec(1800).withWarmupMb(0).withSeed(3));
        var result = Analyze.run(Analyze.Options.of(dir));
        assertThat(result.exitCode()).as(result.summary()).isEqualTo(RunAnalysis.EXIT_INCONCLUSIVE);
        assertThat(result.model().verdicts()).anySatisfy(v -> {
            assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(v.extraHoursNeeded()).isPositive();
        });
    }
}

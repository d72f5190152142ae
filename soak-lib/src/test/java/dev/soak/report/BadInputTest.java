package dev.soak.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputTest {
    @TempDir
    Path tmp;

    @Test
    void notADirectory_exit2_withThePathInTheMessage() throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "hello");
        var r = Analyze.run(Analyze.Options.of(file));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.summary()).startsWith("error: ").contains("notes.txt").contains("is not a directory").doesNotContain("Exception");
        var missing = Analyze.run(Analyze.Options.of(tmp.resolve("nope")));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.summary()).contains("nope");
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void aFullDisk_underTheReports_exit2_givingTheVerdictsAndTheWayOn() throws Exception {
        Path dir = SyntheticRun.write(tmp.resolve("leak"), Runs.base().withLeak(30).withSeed(3));
        Path out = Files.createDirectories(tmp.resolve("out"));
        // report.txt is written to its temp file first: /dev/full fails every write with ENOSPC, as a full disk does
        Files.createSymbolicLink(out.resolve("report.txt.tmp"), java.nio.file.Paths.get("/dev/full"));

        var r = Analyze.run(new Analyze.Options(List.of(dir), out, false, false));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.summary()).startsWith("error: cannot write the reports into " + out)
                .contains("No space left on device").contains("The run's records are untouched")
                .contains("df -h " + out).contains("--output DIR")
                .contains("Verdicts (not saved):").contains("pss_mb             FAIL").doesNotContain("Exception");
        assertThat(out.resolve("report.txt.tmp")).as("the failed temp file is removed").doesNotExist();
        assertThat(Files.readAllLines(dir.resolve("metrics.jsonl"))).as("the run is read, not written").isNotEmpty();
    }

    @Test
    void directoryWithoutRunFiles_exit2_notARunDirectory() {
        var r = Analyze.run(Analyze.Options.of(tmp));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.summary()).contains("is not a run directory").contains("run.json");
    }

    @Test
    void emptyFiles_exit2_withPartialReportSayingWhatIsMissing() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("run"));
        for (String f : List.of("run.json", "resources.jsonl", "metrics.jsonl", "events.jsonl", "latency.hlog")) {
            Files.createFile(dir.resolve(f));
        }
        var r = Analyze.run(Analyze.Options.of(dir));
        assertThat(r.exitCode()).as(r.summary()).isEqualTo(2);
        assertThat(r.summary()).contains("no resource sample and no load interval yet");
        String txt = Files.readString(dir.resolve("report.txt"));
        assertThat(txt).contains("OVERALL         : INCONCLUSIVE").contains("no resource samples").contains("no load intervals")
                .contains("run.json is empty");
        assertThat(dir.resolve("report.html")).exists();
        assertThat(dir.resolve("report.json")).exists();
    }

    @Test
    void tornLines_areSkippedAndCounted_andTheRunIsStillAnalysed() throws Exception {
        Path dir = SyntheticRun.write(tmp.resolve("torn"), Runs.base().withDurationSec(2 * 3600).withOpsPerSec(10));
        Files.writeString(dir.resolve("resources.jsonl"), "{\"t_sec\": 7300, \"rss_m", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("metrics.jsonl"), "{\"t_sec\": 72", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("events.jsonl"), "not json at all\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("latency.hlog"), "Tag=store,7200.000,60.000,11.1,HISTFAAAA9F42kVWS45TMRB0u2", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        var r = Analyze.run(Analyze.Options.of(dir));
        assertThat(r.exitCode()).as(r.summary()).isIn(0, 3);
        assertThat(r.run().notes()).anyMatch(n -> n.contains("resources.jsonl: skipped 1 unreadable line"))
                .anyMatch(n -> n.contains("metrics.jsonl: skipped 1 unreadable line"))
                .anyMatch(n -> n.contains("events.jsonl: skipped 1 unreadable line"))
                .anyMatch(n -> n.contains("latency.hlog"));
        assertThat(r.run().resources()).hasSize(241);
        assertThat(Files.readString(dir.resolve("report.txt"))).contains("skipped 1 unreadable line");
        // the note names the line and what was wrong with it, so that it can be found and mended (events 1–7 are the run's)
        assertThat(r.run().notes()).anyMatch(n -> n.endsWith("events.jsonl: skipped 1 unreadable line(s) (torn or"
                + " partial JSON): events.jsonl line 8: not valid JSON (Unrecognized token 'not': was expecting (JSON"
                + " String, Number, Array, Object or token 'null', 'true' or 'false'))"));
    }

    @Test
    void histogramLinesThatDoNotDecode_areSkippedAndCounted_andAddNothing() throws Exception {
        Path clean = SyntheticRun.write(tmp.resolve("clean"), Runs.base().withDurationSec(2 * 3600).withOpsPerSec(10));
        Path dir = SyntheticRun.write(tmp.resolve("bad"), Runs.base().withDurationSec(2 * 3600).withOpsPerSec(10));
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(dir.resolve("latency.hlog")));
        String good = lines.get(lines.size() / 2);
        int comma = good.lastIndexOf(',');
        byte[] garbled = java.util.Base64.getDecoder().decode(good.substring(comma + 1));
        for (int i = 12; i < garbled.length; i++) {
            garbled[i] ^= 0x5a;
        }
        // whole lines whose histograms do not decode, among thousands that do (so that they pass through the workers)
        lines.add(lines.size() / 2, good.substring(0, comma + 1) + java.util.Base64.getEncoder().encodeToString(garbled));
        lines.add(lines.size() / 3, good.substring(0, comma + 1) + "AQID");
        Files.write(dir.resolve("latency.hlog"), lines);

        RunData bad = RunLoader.load(List.of(dir));
        RunData expected = RunLoader.load(List.of(clean));
        assertThat(bad.notes()).anyMatch(n -> n.endsWith("latency.hlog: skipped 2 undecodable histogram line(s) (torn tail"
                + " of a crashed or running run)"));
        assertThat(bad.latency().bucketCount()).isEqualTo(expected.latency().bucketCount());
        for (String tag : new String[] {null, "store", "recall"}) {
            assertThat(bad.latency().wholeRun(tag)).as("%s", tag).isEqualTo(expected.latency().wholeRun(tag));
        }
        assertThat(expected.latency().wholeRun("store").getTotalCount()).isPositive();
    }

    @Test
    void checkpointsOnly_areEnoughForAReport() throws Exception {
        Path dir = SyntheticRun.write(tmp.resolve("cp"), Runs.base().withDurationSec(2 * 3600).withOpsPerSec(5));
        Files.delete(dir.resolve("resources.jsonl"));
        Files.delete(dir.resolve("metrics.jsonl"));
        var r = Analyze.run(Analyze.Options.of(dir));
        assertThat(r.run().resources()).hasSize(4);
        assertThat(r.exitCode()).as(r.summary()).isEqualTo(3); // 4 points are too few for a verdict
        assertThat(r.run().notes()).anyMatch(n -> n.contains("checkpoint files were used"));
    }

    @Test
    void runStillStarting_onlyRunJson_exit2() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("starting"));
        Files.writeString(dir.resolve("run.json"), "{\"scenario\":\"x\",\"status\":\"running\"}");
        var r = Analyze.run(Analyze.Options.of(dir));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.run().status()).isEqualTo("running");
    }

    @Test
    void scenarioTomlUnreadable_defaultsAndANote() throws Exception {
        Path dir = SyntheticRun.write(tmp.resolve("toml"), Runs.base().withDurationSec(3600).withOpsPerSec(5));
        Files.writeString(dir.resolve("scenario.toml"), "name = \"x\"\n[soak\nbroken");
        var r = Analyze.run(Analyze.Options.of(dir));
        assertThat(r.exitCode()).isNotEqualTo(2);
        assertThat(r.run().notes()).anyMatch(n -> n.contains("scenario.toml could not be parsed"));
        assertThat(r.run().scenario().memoryLeakMbPerHour()).isEqualTo(10.0);
    }
}

package dev.soak.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunAnalysisTest {
    @TempDir
    Path tmp;

    @Test
    void anExtensibleRunsFinalAnalysis_isAtTheLevelOfTheFinalLookItReached() throws IOException {
        Path dir = Runs.healthy(tmp.resolve("run"));
        assertThat(RunAnalysis.options(RunLoader.load(List.of(dir))).levelOfThisLook()).isEqualTo(0.05);

        // the same run, allowed to go on to 12 h: the test at its planned end was at α/2
        Path toml = dir.resolve("scenario.toml");
        Files.writeString(toml, Files.readString(toml).replace("total_seconds = 14400",
            "total_seconds = 14400\nmax_total_seconds = 43200"), StandardCharsets.UTF_8);
        assertThat(RunAnalysis.options(RunLoader.load(List.of(dir))).levelOfThisLook()).isEqualTo(0.025);

        // extended twice: its final analysis is the third, at α/8
        String extend = "{\"t_sec\":%d,\"type\":\"extend\",\"level\":\"info\",\"message\":\"INCONCLUSIVE: extending\"}\n";
        Files.writeString(dir.resolve("events.jsonl"), extend.formatted(14400) + extend.formatted(18000),
            StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        RunData run = RunLoader.load(List.of(dir));
        assertThat(RunAnalysis.options(run).levelOfThisLook()).isEqualTo(0.05 / 8);
        assertThat(RunAnalysis.analyze(run).verdicts()).isNotEmpty();
    }
}

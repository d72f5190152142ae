package dev.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.soak.checkpoint.RunStatus;
import dev.soak.scenario.ArrivalPattern;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoakRunTest {

    @Test
    void javaOperations_monitorACommand_noHealthCheck_commandStoppedAtTheEnd(@TempDir Path dir) throws Exception {
        LongAdder calls = new LongAdder();
        Path out = dir.resolve("run");

        SoakResult r = Soak.builder("command")
                .duration(Duration.ofSeconds(4))
                .arrival(new ArrivalPattern.Constant(50))
                .operation("count", calls::increment)
                .monitor(List.of("sleep", "60"))
                .outputDir(out)
                .progress(null)
                .seed(7)
                .run();

        assertThat(calls.sum()).isBetween(100L, 260L);                 // ~200 at 50/s for 4 s, generous on a busy machine
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.runDirectory()).isEqualTo(out);
        assertThat(r.reportFile()).exists();
        assertThat(Files.readString(out.resolve("resources.jsonl"))).contains("\"rss_mb\"");   // another process: RSS kept
        assertThat(Files.readString(out.resolve("scenario.toml"))).contains("sleep");
        long pid = Long.parseLong(Files.readString(out.resolve("run.json")).replaceAll("(?s).*\"target_pid\"\\s*:\\s*(\\d+).*", "$1"));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(r.leak().metric()).isEqualTo("rss_mb");
    }
}

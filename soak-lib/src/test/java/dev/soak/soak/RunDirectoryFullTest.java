package dev.soak.soak;

import static dev.soak.soak.TextAnswer.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.soak.checkpoint.RunDirectory;
import dev.soak.checkpoint.RunDirectoryReader;
import dev.soak.checkpoint.RunEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run directory that cannot be written, as on a full disk: a file of it is a link to {@code /dev/full}, whose every
 * write fails with the kernel's own ENOSPC ("No space left on device"). The run stops with one paragraph that says
 * what to do, keeps what it wrote, and goes on with {@code --resume} once there is space.
 */
@Timeout(120)
@EnabledOnOs(OS.LINUX)
class RunDirectoryFullTest {
    private static final Path FULL = Paths.get("/dev/full");

    @TempDir
    Path dir;

    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = TextAnswer.loopback(16);
        server.createContext("/", ex -> answer(ex, 200, "ok"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private SoakOrchestrator.Builder soak(String name, double seconds, Path out) throws IOException {
        Path f = PingScenario.write(dir, name, seconds, 20, server.getAddress().getPort(), PingScenario.thisProcess(), "");
        return SoakOrchestrator.builder().scenarioFile(f).outputDir(out).out(null);
    }

    @Test
    void aDiskThatFillsDuringTheRun_stopsIt_sayingWhatToDo_andResumeGoesOn() throws Exception {
        Path out = Files.createDirectories(dir.resolve("full"));
        Path driverSamples = out.resolve(DriverSamplesWriter.FILE_NAME);
        Files.createSymbolicLink(driverSamples, FULL);

        SoakException e = catchThrowableOfType(() -> soak("full", 5, out).build().run(), SoakException.class);

        assertThat(e).as("a full disk stops the run with a message, not a stack trace").isNotNull();
        assertThat(e.getMessage()).contains("cannot write the run directory " + out)
                .contains("driver.jsonl: No space left on device")
                .contains("Free space on its file system (df -h " + out)
                .contains("go on with --resume " + out).contains("analyze.java " + out);
        RunDirectoryReader stopped = RunDirectoryReader.open(out);
        assertThat(stopped.metrics().rows()).as("stopped at the first sample, not after the planned 5 s").hasSizeLessThan(4);
        assertThat(stopped.runInfo().orElseThrow().status().json()).isEqualTo("crashed");
        assertThat(stopped.events().rows()).anySatisfy(ev -> {
            assertThat(ev.type()).isEqualTo("write_failed");
            assertThat(ev.message()).contains("No space left on device");
        });

        Files.delete(driverSamples); // space again
        SoakResult resumed = SoakOrchestrator.builder().resume(out).out(null).build().run();
        // this JVM, the target, may grow by megabytes in seconds: its verdict is not what is tested here
        assertThat(resumed.exitCode()).as(resumed.summary()).isNotEqualTo(SoakException.EXIT_CODE);
        RunDirectoryReader done = RunDirectoryReader.open(out);
        assertThat(done.runInfo().orElseThrow().status().json()).isEqualTo("completed");
        assertThat(done.events().rows()).extracting(RunEvent::type).contains("write_failed", "resume");
        assertThat(done.metrics().rows()).as("the resumed run's load is recorded").isNotEmpty();
        assertThat(Files.size(out.resolve(DriverSamplesWriter.FILE_NAME))).isPositive();
    }

    @Test
    void aCheckpointThatCannotBeWritten_stopsTheRunTheSameWay() throws Exception {
        Path out = dir.resolve("checkpoint-full");
        Path f = PingScenario.write(dir, "checkpoint-full", 20, 20, server.getAddress().getPort(),
                PingScenario.thisProcess(), "checkpoint_interval_sec = 3");
        Thread trap = new Thread(() -> {
            // the first checkpoint is written through its temp file 3 s into the load: once the load has written its
            // first interval (1 s in; the run directory, which clears stale temp files when opened, is open), make
            // that file /dev/full
            Path metrics = out.resolve("metrics.jsonl");
            long deadline = System.nanoTime() + 20_000_000_000L;
            try {
                while (!(Files.isRegularFile(metrics) && Files.size(metrics) > 0) && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                Files.createSymbolicLink(out.resolve("checkpoints").resolve("checkpoint-0001.json.tmp"), FULL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        trap.start();
        SoakException e = catchThrowableOfType(() -> SoakOrchestrator.builder().scenarioFile(f).outputDir(out).out(null)
                .build().run(), SoakException.class);
        trap.join();

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("cannot write the run directory " + out)
                .contains("checkpoint-0001.json: No space left on device").contains("--resume " + out);
        RunDirectoryReader stopped = RunDirectoryReader.open(out);
        assertThat(stopped.runInfo().orElseThrow().status().json()).isEqualTo("crashed");
        assertThat(stopped.metrics().rows()).as("stopped at the first checkpoint, not after 20 s").hasSizeLessThan(10);
        assertThat(out.resolve("checkpoints").resolve("checkpoint-0001.json.tmp")).as("the temp file is removed")
                .doesNotExist();
    }

    @Test
    void aDiskTooSmallForTheRestOfTheRun_isWarnedOnce_atACheckpoint_andTheRunGoesOn() throws Exception {
        Path out = dir.resolve("small");
        Path f = PingScenario.write(dir, "small", 4, 20, server.getAddress().getPort(), PingScenario.thisProcess(),
                "checkpoint_interval_sec = 1");
        SoakOrchestrator.Builder b = SoakOrchestrator.builder().scenarioFile(f).outputDir(out).out(null);
        b.usableSpace = () -> 2_000; // what the run writes in a second or two
        SoakResult r = b.build().run();

        assertThat(r.status().json()).isEqualTo("completed");
        assertThat(RunDirectoryReader.open(out).events().rows()).filteredOn(ev -> ev.type().equals("disk_space"))
                .singleElement().satisfies(ev -> assertThat(ev.message())
                        .startsWith("the disk of the run directory " + out + " may fill before the run ends")
                        .contains("has 2 KB free"));
    }

    @Test
    void theDiskIsFirstLookedAt_beforeAnyCheckpoint() throws Exception {
        Path out = dir.resolve("early");
        Path f = PingScenario.write(dir, "early", 4, 20, server.getAddress().getPort(), PingScenario.thisProcess(),
                "checkpoint_interval_sec = 60"); // no checkpoint during the run
        SoakOrchestrator.Builder b = SoakOrchestrator.builder().scenarioFile(f).outputDir(out).out(null);
        b.usableSpace = () -> 2_000;
        b.diskFirstLookSec = 2; // a minute in a real run
        b.build().run();

        RunEvent warning = RunDirectoryReader.open(out).events().rows().stream()
                .filter(ev -> ev.type().equals("disk_space")).findFirst().orElseThrow();
        assertThat(warning.tSec()).as("before the run's end, where its only look is").isLessThan(
                RunDirectoryReader.open(out).events().rows().stream().filter(ev -> ev.type().equals("checkpoint"))
                        .mapToDouble(RunEvent::tSec).min().orElseThrow());
    }

    @Test
    void aDiskFullBeforeTheRun_startsNothing_andLeavesTheDirectoryReusable() throws Exception {
        Path out = Files.createDirectories(dir.resolve("full-at-start"));
        Files.createSymbolicLink(out.resolve("scenario.toml.tmp"), FULL); // where the scenario's copy is written first

        SoakException e = catchThrowableOfType(() -> soak("start", 3, out).build().run(), SoakException.class);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("cannot create the run directory " + out)
                .contains("scenario.toml: No space left on device").contains("nothing was started");
        assertThat(RunDirectory.holdsRun(out)).as("the same --output-dir can be given again").isFalse();
        try (var left = Files.list(out)) {
            assertThat(left).as("nothing left behind, not even the temp file").isEmpty();
        }
    }

    @Test
    void anOutputDirThatCannotBeMade_isOneParagraph() throws Exception {
        Path out = Files.writeString(dir.resolve("a-file"), "x").resolve("run");
        SoakException e = catchThrowableOfType(() -> soak("nodir", 3, out).build().run(), SoakException.class);
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("cannot create the run directory " + out).contains("nothing was started")
                .contains("Give --output-dir a directory on a writable file system");
    }
}

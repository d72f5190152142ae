package dev.soak.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessLocatorTest {

    @TempDir
    Path dir;

    @Test
    void byPid_liveProcess() {
        TargetProcess t = ProcessLocator.byPid(ProcessHandle.current().pid());
        assertThat(t.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(t.isAlive()).isTrue();
        assertThat(t.spawned()).isEmpty();
    }

    @Test
    void byPidFile_liveChild() throws Exception {
        try (ChildJvm child = ChildJvm.start()) {
            Path pidFile = dir.resolve("svc.pid");
            Files.writeString(pidFile, child.pid() + "\n");
            TargetProcess t = ProcessLocator.byPidFile(pidFile);
            assertThat(t.pid()).isEqualTo(child.pid());
            assertThat(t.description()).contains("pid file").contains(pidFile.toString());
        }
    }

    @Test
    void byPidFile_missingGarbageOrStale_clearErrors() throws Exception {
        Path missing = dir.resolve("nope.pid");
        assertThatThrownBy(() -> ProcessLocator.byPidFile(missing))
                .isInstanceOf(TargetNotFoundException.class).hasMessageContaining("cannot read pid file " + missing);
        Path garbage = dir.resolve("garbage.pid");
        Files.writeString(garbage, "hello");
        assertThatThrownBy(() -> ProcessLocator.byPidFile(garbage))
                .isInstanceOf(TargetNotFoundException.class).hasMessageContaining("holds \"hello\", not a pid");
        Path stale = dir.resolve("stale.pid");
        long pid = ResourceMonitorChildProcessTest.unusedPid();
        Files.writeString(stale, Long.toString(pid));
        assertThatThrownBy(() -> ProcessLocator.byPidFile(stale))
                .isInstanceOf(TargetNotFoundException.class).hasMessageContaining("no process with pid " + pid)
                .hasMessageContaining("stale");
    }

    @Test
    void spawn_outputKeptInFile_exitCodeKnown() throws Exception {
        TargetProcess t = ProcessLocator.spawn(List.of("sh", "-c", "echo hello-out; echo hello-err >&2; exit 3"), dir);
        TargetExit exit = t.onExit().get(10, TimeUnit.SECONDS);
        assertThat(exit.exitCode()).isEqualTo(OptionalInt.of(3));
        assertThat(exit.message()).isEqualTo("target pid " + t.pid() + " exited with code 3");
        assertThat(t.exitCode()).isEqualTo(OptionalInt.of(3));
        assertThat(t.outputFile()).contains(dir.resolve(ProcessLocator.OUTPUT_FILE_NAME));
        assertThat(Files.readString(t.outputFile().orElseThrow())).contains("hello-out").contains("hello-err");
    }

    @Test
    void spawn_unknownExecutable_clearError() {
        assertThatThrownBy(() -> ProcessLocator.spawn(List.of("/no/such/soak-binary"), dir))
                .isInstanceOf(TargetNotFoundException.class)
                .hasMessageContaining("cannot start [target] command [/no/such/soak-binary]");
    }

    @Test
    void stopSpawned_terminatesIt() {
        TargetProcess t = ProcessLocator.spawn(List.of("sleep", "60"), dir);
        assertThat(t.isAlive()).isTrue();
        assertThat(t.stopSpawned(java.time.Duration.ofSeconds(5))).isTrue();
        assertThat(t.isAlive()).isFalse();
    }

    @Test
    void listeningOn_findsTheChildThatListens() throws Exception {
        try (ChildJvm child = ChildJvm.start()) {
            int port = Integer.parseInt(child.send("listen"));
            TargetProcess t = ProcessLocator.listeningOn(port);
            assertThat(t.pid()).isEqualTo(child.pid());
            assertThat(t.description()).isEqualTo("pid " + child.pid() + " listening on port " + port);
        }
    }

    @Test
    void listeningOn_nothingListening_clearError() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int free = port;
        assertThatThrownBy(() -> ProcessLocator.listeningOn(free))
                .isInstanceOf(TargetNotFoundException.class)
                .hasMessageStartingWith("no process listening on port " + free);
    }
}

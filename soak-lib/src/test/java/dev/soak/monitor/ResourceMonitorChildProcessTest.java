package dev.soak.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.soak.checkpoint.ResourceSample;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link ResourceMonitor} with the Linux probe against real child JVMs ({@link ChildProcessMain}).
 * Tolerances: fds and threads within ±2 of the change (a JVM may open or start one or two of its
 * own meanwhile), sockets exact, memory within ±20 % of the change.
 */
class ResourceMonitorChildProcessTest {

    private static ResourceSample sample(ResourceMonitor m) {
        return m.sample().orElseThrow(() -> new AssertionError("process gone"));
    }

    @Test
    void openFiles_fdsRiseByN() throws Exception {
        try (ChildJvm child = ChildJvm.start()) {
            ResourceMonitor m = ResourceMonitor.builder(child.pid()).costlyInterval(Duration.ZERO).build();
            double before = sample(m).openFds();
            child.send("files 100");
            assertThat(sample(m).openFds() - before).isCloseTo(100, within(2.0));
            assertThat(sample(m).maxOpenFiles()).isGreaterThan(100);
        }
    }

    @Test
    void threads_riseByN() throws Exception {
        try (ChildJvm child = ChildJvm.start()) {
            ResourceMonitor m = ResourceMonitor.builder(child.pid()).costlyInterval(Duration.ZERO).build();
            double before = sample(m).threads();
            child.send("threads 50");
            assertThat(sample(m).threads() - before).isCloseTo(50, within(2.0));
        }
    }

    @Test
    void tcpAndUdpSockets_countedExactly_unixSocketsAndFilesNot() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
             ChildJvm child = ChildJvm.start()) {
            ResourceMonitor m = ResourceMonitor.builder(child.pid()).costlyInterval(Duration.ZERO).build();
            double before = sample(m).networkConnections();
            child.send("connect 20 " + server.getLocalPort());
            assertThat(sample(m).networkConnections() - before).isEqualTo(20);
            child.send("udp 5");
            child.send("files 10");
            child.send("unix 3");
            assertThat(sample(m).networkConnections() - before).isEqualTo(25);
        }
    }

    @Test
    void directMemory_rssPssAnonRiseByX() throws Exception {
        try (ChildJvm child = ChildJvm.start()) {
            ResourceMonitor m = ResourceMonitor.builder(child.pid()).costlyInterval(Duration.ZERO).build();
            ResourceSample before = sample(m);
            child.send("grow 100");
            ResourceSample after = sample(m);
            assertThat(after.rssMb() - before.rssMb()).isCloseTo(100, within(20.0));
            assertThat(after.pssMb() - before.pssMb()).isCloseTo(100, within(20.0));
            assertThat(after.anonMb() - before.anonMb()).isCloseTo(100, within(20.0));
            assertThat(after.vsizeMb()).isGreaterThan(after.rssMb());
            assertThat(after.swapMb()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void cpu_childBurns500msOfCpu_percentTimesIntervalMatches() throws Exception {
        try (ChildJvm child = ChildJvm.start()) {
            ResourceMonitor m = ResourceMonitor.builder(child.pid()).costlyInterval(Duration.ZERO).build();
            ResourceSample first = sample(m);
            assertThat(first.cpuPercent()).as("no interval yet").isNaN();
            child.send("spin 500");
            ResourceSample second = sample(m);
            double cpuSec = second.cpuPercent() / 100 * (second.tSec() - first.tSec());
            // 0.5 s burnt by the spinning thread, plus a little JIT/GC/command handling; ticks are 10 ms
            assertThat(cpuSec).isBetween(0.45, 0.9);
            assertThat(second.cpuPercent()).isLessThanOrEqualTo(100.0 * Runtime.getRuntime().availableProcessors() + 5);
        }
    }

    @Test
    void descendants_childOfChild_summed() throws Exception {
        try (ChildJvm child = ChildJvm.start()) {
            long grandchild = Long.parseLong(child.send("spawn threads 40 -- files 30"));
            ResourceMonitor alone = ResourceMonitor.builder(child.pid()).costlyInterval(Duration.ZERO).build();
            ResourceMonitor tree = ResourceMonitor.builder(child.pid()).includeDescendants(true).build();
            ResourceMonitor gc = ResourceMonitor.builder(grandchild).build();
            ResourceSample a = sample(alone);
            ResourceSample g = sample(gc);
            ResourceSample t = sample(tree);
            assertThat(g.threads()).isGreaterThan(40);
            assertThat(t.threads()).isCloseTo(a.threads() + g.threads(), within(2.0));
            assertThat(t.openFds()).isCloseTo(a.openFds() + g.openFds(), within(2.0));
            assertThat(t.rssMb()).isCloseTo(a.rssMb() + g.rssMb(), within(0.1 * (a.rssMb() + g.rssMb())));
            assertThat(t.maxOpenFiles()).isEqualTo(a.maxOpenFiles());
        }
    }

    @Test
    void processDiesBetweenSamples_sampleIsEmpty_neverThrows() throws Exception {
        try (ChildJvm child = ChildJvm.start()) {
            ResourceMonitor m = ResourceMonitor.builder(child.pid()).costlyInterval(Duration.ZERO).build();
            assertThat(m.sample()).isPresent();
            child.sendNoAnswer("exit 3");
            assertThat(child.process.waitFor()).isEqualTo(3);
            assertThat(m.sample()).isEmpty();
            assertThat(m.sample()).isEmpty();
        }
    }

    @Test
    void nonExistentPid_clearUserError() {
        long pid = unusedPid();
        assertThatThrownBy(() -> ProcessLocator.byPid(pid))
                .isInstanceOf(TargetNotFoundException.class)
                .hasMessageStartingWith("no process with pid " + pid + ":")
                .hasMessageContaining("[target] pid");
    }

    /** A pid no process has now: above every live pid, below pid_max. */
    static long unusedPid() {
        long max = ProcessHandle.allProcesses().mapToLong(ProcessHandle::pid).max().orElse(1000);
        for (long p = max + 1000; ; p++) {
            if (ProcessHandle.of(p).isEmpty()) {
                return p;
            }
        }
    }
}

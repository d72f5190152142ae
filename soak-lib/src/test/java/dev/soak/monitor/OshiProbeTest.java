package dev.soak.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** {@link OshiProbe} (the non-Linux path) run here against a real child, beside the /proc probe. */
class OshiProbeTest {

    @Test
    void oshi_agreesWithProc_onRssThreadsFds_andLeavesLinuxOnlyFieldsAbsent() throws Exception {
        try (ChildJvm child = ChildJvm.start("threads", "30", "--", "files", "50")) {
            ProcessStats oshi = new OshiProbe().read(child.pid(), false).orElseThrow();
            ProcessStats proc = new LinuxProcProbe().read(child.pid(), false).orElseThrow();
            assertThat(oshi.threads()).isCloseTo(proc.threads(), within(2.0));
            assertThat(oshi.openFds()).isCloseTo(proc.openFds(), within(2.0));
            assertThat(oshi.rssMb()).isCloseTo(proc.rssMb(), within(0.1 * proc.rssMb()));
            assertThat(oshi.cpuTimeSec()).isCloseTo(proc.cpuTimeSec(), within(0.5));
            assertThat(oshi.pssMb()).isNaN();
            assertThat(oshi.memoryLimitMb()).isNaN();
            assertThat(oshi.networkConnections()).isNaN(); // not asked for
        }
    }

    @Test
    void oshi_missingPid_isEmpty() {
        assertThat(new OshiProbe().read(ResourceMonitorChildProcessTest.unusedPid())).isEmpty();
    }

    @Test
    void factory_picksProcOnLinux() {
        String expected = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux") ? "linux-proc" : "oshi";
        assertThat(ProcessProbe.forThisPlatform().name()).isEqualTo(expected);
    }
}

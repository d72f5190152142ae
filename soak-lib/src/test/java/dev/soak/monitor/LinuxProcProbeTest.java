package dev.soak.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LinuxProcProbe} on a directory of literal /proc and cgroup text. */
class LinuxProcProbeTest {

    @TempDir
    Path root;

    private Path proc() {
        return root.resolve("proc");
    }

    private Path cgroup() {
        return root.resolve("cgroup");
    }

    private void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void fakeProcess(long pid, String state) throws IOException {
        Path d = proc().resolve(Long.toString(pid));
        write(d.resolve("stat"), pid + " (a b) c) " + state + " 1 1 1 0 -1 0 0 0 0 0 150 50 0 0 20 0 12 0 777 1073741824 0 0\n");
        write(d.resolve("status"), ProcParsersTest.STATUS);
        write(d.resolve("smaps_rollup"), "00-ff ---p 0 00:00 0 [rollup]\nRss: 204800 kB\nPss: 102400 kB\nAnonymous: 51200 kB\nSwap: 1024 kB\n");
        write(d.resolve("io"), "rchar: 1\nwchar: 1\nread_bytes: 2097152\nwrite_bytes: 1048576\n");
        write(d.resolve("limits"), "Limit  Soft Limit  Hard Limit  Units\nMax open files            4096                 8192                 files\n");
        write(d.resolve("cgroup"), "4:memory:/svc/a\n0::/\n");
        write(d.resolve("net/tcp"), ProcParsersTest.TCP);
        write(d.resolve("net/udp"), "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
                + " 5: 0100007F:A000 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 60001 2 0000000000000000 0\n");
        Path fd = d.resolve("fd");
        Files.createDirectories(fd);
        Files.createSymbolicLink(fd.resolve("0"), Path.of("/dev/null"));
        Files.createSymbolicLink(fd.resolve("1"), Path.of("pipe:[100]"));
        Files.createSymbolicLink(fd.resolve("3"), Path.of("socket:[51240]"));  // TCP
        Files.createSymbolicLink(fd.resolve("4"), Path.of("socket:[60001]"));  // UDP
        Files.createSymbolicLink(fd.resolve("5"), Path.of("socket:[88888]"));  // Unix socket: not counted
        Files.createSymbolicLink(fd.resolve("6"), Path.of("anon_inode:[eventpoll]"));
        // the cgroup v1 hierarchy: a limit on the parent, none on the leaf
        write(cgroup().resolve("memory/svc/a/memory.limit_in_bytes"), "9223372036854771712\n");
        write(cgroup().resolve("memory/svc/memory.limit_in_bytes"), "1073741824\n");
        write(cgroup().resolve("memory/memory.limit_in_bytes"), "9223372036854771712\n");
    }

    @Test
    void read_literalProcTree_everyField() throws IOException {
        fakeProcess(4242, "S");
        ProcessStats s = new LinuxProcProbe(proc(), cgroup(), 100).read(4242).orElseThrow();
        assertThat(s.ppid()).isEqualTo(1);
        assertThat(s.startTimeTicks()).isEqualTo(777);
        assertThat(s.cpuTimeSec()).isCloseTo(2.0, within(1e-9)); // (150 + 50) ticks / 100
        assertThat(s.rssMb()).isEqualTo(200.0);
        assertThat(s.vsizeMb()).isEqualTo(1024.0);
        assertThat(s.threads()).isEqualTo(12.0); // from stat field 20
        assertThat(s.openFds()).isEqualTo(6.0);
        assertThat(s.networkConnections()).isEqualTo(2.0);
        assertThat(s.diskIoMb()).isEqualTo(3.0);
        assertThat(s.pssMb()).isEqualTo(100.0);
        assertThat(s.anonMb()).isCloseTo(146.484, within(0.001)); // status RssAnon, read every time
        assertThat(s.swapMb()).isEqualTo(0.5);                     // status VmSwap
        assertThat(s.maxOpenFiles()).isEqualTo(4096.0);
        assertThat(s.memoryLimitMb()).isEqualTo(1024.0);
    }

    @Test
    void read_unreadableFiles_areAbsentNotZero() throws IOException {
        fakeProcess(7, "S");
        Path d = proc().resolve("7");
        Files.delete(d.resolve("io"));
        Files.delete(d.resolve("smaps_rollup"));
        Files.delete(d.resolve("limits"));
        Files.delete(d.resolve("cgroup"));
        ProcessStats s = new LinuxProcProbe(proc(), cgroup(), 100).read(7).orElseThrow();
        assertThat(s.diskIoMb()).isNaN();
        assertThat(s.pssMb()).isNaN();
        assertThat(s.maxOpenFiles()).isNaN();
        assertThat(s.memoryLimitMb()).isNaN();
        assertThat(s.swapMb()).isEqualTo(0.5);
    }

    @Test
    void read_notCostly_leavesPssAndConnectionsAbsent_restPresent() throws IOException {
        fakeProcess(4242, "S");
        ProcessStats s = new LinuxProcProbe(proc(), cgroup(), 100).read(4242, false).orElseThrow();
        assertThat(s.pssMb()).isNaN();
        assertThat(s.networkConnections()).isNaN();
        assertThat(s.openFds()).isEqualTo(6.0);
        assertThat(s.rssMb()).isEqualTo(200.0);
        assertThat(s.memoryLimitMb()).isEqualTo(1024.0);
    }

    @Test
    void read_missingOrZombie_isEmpty() throws IOException {
        fakeProcess(9, "Z");
        LinuxProcProbe probe = new LinuxProcProbe(proc(), cgroup(), 100);
        assertThat(probe.read(9)).isEqualTo(Optional.empty());
        assertThat(probe.read(12345)).isEqualTo(Optional.empty());
    }

    @Test
    void memoryLimit_cgroupV2_maxOnLeaf_limitOnAncestor() throws IOException {
        fakeProcess(11, "S");
        write(proc().resolve("11/cgroup"), "0::/app.slice/web.service\n");
        write(cgroup().resolve("app.slice/web.service/memory.max"), "max\n");
        write(cgroup().resolve("app.slice/memory.max"), "268435456\n");
        assertThat(new LinuxProcProbe(proc(), cgroup(), 100).read(11).orElseThrow().memoryLimitMb()).isEqualTo(256.0);
        write(cgroup().resolve("app.slice/memory.max"), "max\n");
        assertThat(new LinuxProcProbe(proc(), cgroup(), 100).read(11).orElseThrow().memoryLimitMb()).isNaN();
    }

    @Test
    void listeningPid_findsOwnerOfListenInode() throws IOException {
        fakeProcess(4242, "S");
        write(proc().resolve("net/tcp"), ProcParsersTest.TCP);
        Path fd = proc().resolve("4242/fd");
        Files.createSymbolicLink(fd.resolve("9"), Path.of("socket:[51234]")); // the LISTEN socket on 7408
        fakeProcess(5000, "S");
        assertThat(ProcessLocator.listeningPid(proc(), 7408)).isEqualTo(4242);
        assertThat(ProcessLocator.listeningPid(proc(), 9999)).isEqualTo(-1);
    }

    @Test
    void liveProcess_thisJvm_readsPlausibleValues() {
        ProcessStats s = new LinuxProcProbe().read(ProcessHandle.current().pid()).orElseThrow();
        assertThat(s.rssMb()).isGreaterThan(10);
        assertThat(s.threads()).isGreaterThan(3);
        assertThat(s.openFds()).isGreaterThan(3);
        assertThat(s.cpuTimeSec()).isGreaterThan(0);
        assertThat(s.pssMb()).isPositive();
        assertThat(s.networkConnections()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void liveProcess_fdCount_matchesListing() throws IOException {
        Path fdDir = Path.of("/proc/self/fd");
        ProcessStats s = new LinuxProcProbe().read(ProcessHandle.current().pid(), false).orElseThrow();
        long listed;
        try (var entries = Files.list(fdDir)) {
            listed = entries.count();
        }
        assertThat(s.openFds()).isCloseTo(listed, within(3.0));
    }
}

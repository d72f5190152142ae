package dev.soak.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.soak.checkpoint.ResourceSample;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link ResourceMonitor}'s arithmetic on a fake process tree and a fake clock. */
class ResourceMonitorTest {

    final Map<Long, ProcessStats> processes = new ConcurrentHashMap<>();
    final AtomicInteger descendantScans = new AtomicInteger();
    final AtomicLong nanos = new AtomicLong();

    final ProcessProbe probe = new ProcessProbe() {
        @Override
        public Optional<ProcessStats> read(long pid, boolean costly) {
            ProcessStats s = processes.get(pid);
            if (s == null || costly) {
                return Optional.ofNullable(s);
            }
            return Optional.of(new ProcessStats(s.pid(), s.ppid(), s.startTimeTicks(), s.cpuTimeSec(), s.rssMb(),
                    s.vsizeMb(), s.threads(), s.openFds(), Double.NaN, s.diskIoMb(), Double.NaN, s.anonMb(),
                    s.swapMb(), s.maxOpenFiles(), s.memoryLimitMb()));
        }

        @Override
        public List<Long> descendants(long pid) {
            descendantScans.incrementAndGet();
            return processes.keySet().stream().filter(p -> p != pid).sorted().toList();
        }

        @Override
        public String name() {
            return "fake";
        }
    };

    void put(long pid, double cpuSec, double rssMb, double threads, double maxOpenFiles) {
        processes.put(pid, new ProcessStats(pid, pid == 42 ? 1 : 42, 100 + pid, cpuSec, rssMb, 2 * rssMb, threads, 10,
                3, 1, rssMb * 0.8, rssMb / 2, 0, maxOpenFiles, 512));
    }

    @Test
    void descendants_summed_limitsFromRoot_cpuOfAllProcesses() {
        put(42, 1.0, 100, 10, 1024);
        put(43, 2.0, 50, 5, 64);
        ResourceMonitor m = ResourceMonitor.builder(42).probe(probe).nanoClock(nanos::get).includeDescendants(true)
                .costlyInterval(Duration.ZERO).build();
        ResourceSample a = m.sample().orElseThrow();
        assertThat(a.rssMb()).isEqualTo(150.0);
        assertThat(a.threads()).isEqualTo(15.0);
        assertThat(a.networkConnections()).isEqualTo(6.0);
        assertThat(a.pssMb()).isEqualTo(120.0);
        assertThat(a.maxOpenFiles()).isEqualTo(1024.0);
        assertThat(a.memoryLimitMb()).isEqualTo(512.0);
        nanos.addAndGet(4_000_000_000L);
        put(42, 2.0, 100, 10, 1024);  // +1 s CPU
        put(43, 3.0, 50, 5, 64);      // +1 s CPU
        put(44, 0.4, 20, 1, 64);      // new child: all of its 0.4 s counted
        ResourceSample b = m.sample().orElseThrow();
        assertThat(b.cpuPercent()).isCloseTo(2.4 / 4 * 100, within(1e-9));
        assertThat(b.rssMb()).isEqualTo(170.0);
    }

    @Test
    void descendants_rescannedOnlyWithCostlyFields_exitedChildSkipped() {
        put(42, 1.0, 100, 10, 1024);
        put(43, 1.0, 50, 5, 64);
        ResourceMonitor m = ResourceMonitor.builder(42).probe(probe).nanoClock(nanos::get).includeDescendants(true)
                .costlyInterval(Duration.ofSeconds(30)).build();
        ResourceSample first = m.sample().orElseThrow();
        assertThat(first.rssMb()).isEqualTo(150.0);
        assertThat(first.pssMb()).isEqualTo(120.0);
        put(44, 0.1, 20, 1, 64);
        processes.remove(43L);
        nanos.addAndGet(1_000_000_000L);
        ResourceSample second = m.sample().orElseThrow();
        assertThat(second.rssMb()).as("43 gone, 44 not yet scanned").isEqualTo(100.0);
        assertThat(second.pssMb()).isNaN();
        assertThat(second.networkConnections()).isNaN();
        assertThat(second.openFds()).isEqualTo(10.0);
        assertThat(descendantScans.get()).isEqualTo(1);
        nanos.addAndGet(29_000_000_000L);
        ResourceSample third = m.sample().orElseThrow();
        assertThat(descendantScans.get()).isEqualTo(2);
        assertThat(third.rssMb()).isEqualTo(120.0);
        assertThat(third.pssMb()).isEqualTo(96.0);
    }

    @Test
    void rootValueAbsent_sumIsAbsent_notAPartialSum() {
        put(42, 1.0, 100, 10, 1024);
        processes.put(43L, new ProcessStats(43, 42, 1, 1, 10, 10, 1, Double.NaN, 0, Double.NaN, 1, 1, 0, 64, Double.NaN));
        processes.put(42L, new ProcessStats(42, 1, 1, 1, 100, 200, 10, 10, 0, Double.NaN, 1, 1, 0, 1024, Double.NaN));
        ResourceSample s = ResourceMonitor.builder(42).probe(probe).includeDescendants(true).build().sample().orElseThrow();
        assertThat(s.diskIoMb()).isNaN();
        assertThat(s.openFds()).isEqualTo(10.0);
        assertThat(s.memoryLimitMb()).isNaN();
    }

    @Test
    void builder_badValues_nameTheFix() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ResourceMonitor.builder(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pid = 0 must be > 0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ResourceMonitor.builder(1).costlyInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be >= 0");
    }
}

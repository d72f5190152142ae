package dev.soak.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.soak.checkpoint.ResourceSample;
import dev.soak.checkpoint.RunEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceSamplerTest {

    /** A probe whose next reading the test sets. */
    static final class FakeProbe implements ProcessProbe {
        final AtomicReference<Object> next = new AtomicReference<>();
        final List<Boolean> costlyReads = new CopyOnWriteArrayList<>();

        void set(double cpuSec, double rssMb, long startTicks) {
            next.set(Optional.of(new ProcessStats(42, 1, startTicks, cpuSec, rssMb, 900, 10, 20, 2, 1,
                    rssMb * 0.9, rssMb * 0.5, 0, 1024, Double.NaN)));
        }

        @Override
        @SuppressWarnings("unchecked")
        public Optional<ProcessStats> read(long pid, boolean costly) {
            Object o = next.get();
            if (o instanceof RuntimeException e) {
                throw e;
            }
            costlyReads.add(costly);
            return (Optional<ProcessStats>) o;
        }

        @Override
        public List<Long> descendants(long pid) {
            return List.of();
        }

        @Override
        public String name() {
            return "fake";
        }
    }

    final FakeProbe probe = new FakeProbe();
    final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    final List<ResourceSample> samples = new CopyOnWriteArrayList<>();
    final List<RunEvent> events = new CopyOnWriteArrayList<>();

    ResourceSampler sampler() {
        ResourceMonitor m = ResourceMonitor.builder(42).probe(probe).nanoClock(nanos::get).runStartNanos(0).build();
        return ResourceSampler.builder(m).onSample(samples::add).onEvent(events::add).build();
    }

    @Test
    void cpuPercent_fromCpuTimeDeltaOverFakeClock() {
        ResourceSampler s = sampler();
        probe.set(10.0, 100, 7);
        s.sampleNow();
        nanos.addAndGet(2_000_000_000L);
        probe.set(10.6, 101, 7);
        s.sampleNow();
        assertThat(samples).hasSize(2);
        assertThat(samples.get(0).cpuPercent()).isNaN();
        assertThat(samples.get(0).tSec()).isEqualTo(5.0);
        assertThat(samples.get(1).cpuPercent()).isCloseTo(30.0, within(1e-9)); // 0.6 s CPU over 2 s
        assertThat(samples.get(1).tSec()).isEqualTo(7.0);
        assertThat(samples.get(1).rssMb()).isEqualTo(101.0);
        assertThat(samples.get(1).memoryLimitMb()).isNaN();
        assertThat(samples.get(1).heapAfterGcMb()).isNaN();
        assertThat(events).isEmpty();
    }

    @Test
    void costlyFields_firstSampleThenEveryInterval() {
        ResourceMonitor m = ResourceMonitor.builder(42).probe(probe).nanoClock(nanos::get)
                .costlyInterval(Duration.ofSeconds(10)).build();
        probe.set(1, 100, 7);
        for (int i = 0; i < 21; i++) {
            m.sample().orElseThrow();
            nanos.addAndGet(1_000_000_000L);
        }
        // t = 0, 10, 20 s (the 5 % slack admits 9.5 s, not 9 s)
        List<Integer> costlyAt = new java.util.ArrayList<>();
        for (int i = 0; i < probe.costlyReads.size(); i++) {
            if (probe.costlyReads.get(i)) {
                costlyAt.add(i);
            }
        }
        assertThat(costlyAt).containsExactly(0, 10, 20);
    }

    @Test
    void processGone_oneExitEvent_thenNoMoreTargetSamples() {
        ResourceSampler s = sampler();
        probe.set(1, 100, 7);
        s.sampleNow();
        probe.next.set(Optional.empty());
        s.sampleNow();
        s.sampleNow();
        assertThat(samples).hasSize(1);
        assertThat(events).hasSize(1);
        RunEvent e = events.get(0);
        assertThat(e.type()).isEqualTo("target_exit");
        assertThat(e.details()).containsEntry("pid", 42L).doesNotContainKey("exit_code");
        assertThat(s.targetExited()).isTrue();
    }

    @Test
    void pidReusedByNewProcess_isAnExit() {
        ResourceSampler s = sampler();
        probe.set(1, 100, 7);
        s.sampleNow();
        probe.set(0.1, 5, 999); // same pid, another start time
        s.sampleNow();
        assertThat(samples).hasSize(1);
        assertThat(events).extracting(RunEvent::type).containsExactly("target_exit");
    }

    @Test
    void throwingProbeOrListener_becomesWarning_loopGoesOn() {
        ResourceMonitor m = ResourceMonitor.builder(42).probe(probe).nanoClock(nanos::get).runStartNanos(0).build();
        int[] calls = {0};
        ResourceSampler s = ResourceSampler.builder(m).onEvent(events::add).onSample(x -> {
            calls[0]++;
            throw new IllegalStateException("listener bug");
        }).build();
        probe.next.set(new IllegalStateException("probe bug"));
        s.sampleNow();
        probe.set(1, 100, 7);
        s.sampleNow();
        s.sampleNow();
        assertThat(calls[0]).isEqualTo(2);
        assertThat(events).extracting(RunEvent::type).containsExactly("warning", "warning", "warning");
        assertThat(events.get(0).message()).contains("probe bug");
        assertThat(events.get(1).message()).contains("listener bug");
    }

    @Test
    void realScheduler_spawnedChildExits_exitCodeEvent(@TempDir Path dir) throws Exception {
        TargetProcess target = ProcessLocator.spawn(List.of("sh", "-c", "sleep 0.6; exit 7"), dir);
        ResourceMonitor m = ResourceMonitor.builder(target).build();
        List<SelfSample> selfSamples = new CopyOnWriteArrayList<>();
        try (ResourceSampler s = ResourceSampler.builder(m).target(target).interval(Duration.ofMillis(50))
                .onSample(samples::add).onEvent(events::add)
                .self(SelfMonitor.create(System.nanoTime()), selfSamples::add).build()) {
            s.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (events.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            int selfBefore = selfSamples.size();
            Thread.sleep(200);
            assertThat(selfSamples.size()).as("self-sampling continues after the target exits").isGreaterThan(selfBefore);
            s.stop();
            int after = selfSamples.size();
            Thread.sleep(200);
            assertThat(selfSamples).hasSize(after);
        }
        assertThat(samples).hasSizeGreaterThanOrEqualTo(2);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).type()).isEqualTo("target_exit");
        assertThat(events.get(0).details()).containsEntry("exit_code", 7);
        assertThat(events.get(0).message()).isEqualTo("target pid " + target.pid() + " exited with code 7");
    }
}

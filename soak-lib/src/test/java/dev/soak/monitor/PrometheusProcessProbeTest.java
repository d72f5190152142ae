package dev.soak.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.soak.checkpoint.ResourceSample;
import dev.soak.scenario.Scenario;
import dev.soak.scenario.ScenarioLoader;
import dev.soak.scenario.ScenarioToml;
import dev.soak.scenario.TargetSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A process read from its Prometheus text: what each client library calls its metrics, outages and restarts. */
class PrometheusProcessProbeTest {
    private static final double MB = 1024.0 * 1024.0;

    /** What client_golang's process and Go collectors write (client_python's and prom-client's process part alike). */
    private static final String GO = """
            # HELP go_threads Number of OS threads created.
            # TYPE go_threads gauge
            go_threads 14
            # TYPE process_cpu_seconds_total counter
            process_cpu_seconds_total 12.5
            # TYPE process_max_fds gauge
            process_max_fds 1.048576e+06
            # TYPE process_open_fds gauge
            process_open_fds 37
            # TYPE process_resident_memory_bytes gauge
            process_resident_memory_bytes 4.2467328e+07
            # TYPE process_start_time_seconds gauge
            process_start_time_seconds 1.76473632042e+09
            # TYPE process_virtual_memory_bytes gauge
            process_virtual_memory_bytes 1.269854208e+09
            """;

    /** What Spring Boot's /actuator/prometheus writes (Micrometer): no RSS, no CPU counter, its own fd names. */
    private static final String MICROMETER = """
            # TYPE process_files_open_files gauge
            process_files_open_files 51.0
            # TYPE process_files_max_files gauge
            process_files_max_files 65536.0
            # TYPE process_start_time_seconds gauge
            process_start_time_seconds 1.764736320042E9
            # TYPE process_cpu_usage gauge
            process_cpu_usage 0.0123
            # TYPE jvm_threads_live_threads gauge
            jvm_threads_live_threads 31.0
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 2.5165824E7
            """;

    private static PrometheusProcessProbe probe(AtomicReference<String> text) {
        return new PrometheusProcessProbe(() -> {
            String t = text.get();
            if (t == null) {
                throw new IOException("GET http://10.0.0.7:8080/metrics returned HTTP 503");
            }
            return PrometheusText.parse(t);
        }, "http://10.0.0.7:8080/metrics");
    }

    @Test
    void theProcessCollectorsMetrics_fillTheFieldsAPidWould() {
        ProcessStats s = PrometheusProcessProbe.stats(0, PrometheusText.parse(GO));
        assertThat(s.rssMb()).isCloseTo(4.2467328e7 / MB, within(1e-9));
        assertThat(s.vsizeMb()).isCloseTo(1.269854208e9 / MB, within(1e-9));
        assertThat(s.openFds()).isEqualTo(37);
        assertThat(s.maxOpenFiles()).isEqualTo(1_048_576);
        assertThat(s.threads()).isEqualTo(14);
        assertThat(s.cpuTimeSec()).isEqualTo(12.5);
        assertThat(s.startTimeTicks()).isEqualTo(1_764_736_320_420L); // milliseconds: a restart a second later is seen
        assertThat(s.pssMb()).isNaN();
        assertThat(s.memoryLimitMb()).isNaN();
        assertThat(PrometheusProcessProbe.missing(s)).isEmpty();
    }

    @Test
    void micrometersSpellings_areRead_andWhatItLacksIsNamed() {
        ProcessStats s = PrometheusProcessProbe.stats(0, PrometheusText.parse(MICROMETER));
        assertThat(s.openFds()).isEqualTo(51);
        assertThat(s.maxOpenFiles()).isEqualTo(65536);
        assertThat(s.threads()).isEqualTo(31);
        assertThat(s.startTimeTicks()).isEqualTo(1_764_736_320_042L);
        assertThat(s.rssMb()).isNaN(); // never 0 for a metric that is not there
        assertThat(s.cpuTimeSec()).isNaN();
        assertThat(PrometheusProcessProbe.missing(s))
                .containsExactly("RSS (process_resident_memory_bytes)", "CPU (process_cpu_seconds_total)");
        assertThat(PrometheusProcessProbe.measuresAnything(s)).isTrue();
        assertThat(PrometheusProcessProbe.measuresAnything(PrometheusProcessProbe.stats(0,
                PrometheusText.parse("jvm_memory_used_bytes{area=\"heap\"} 1e6\n")))).isFalse();
    }

    @Test
    void anOutage_isOneWarningAndAGap_notTheTargetsEnd() {
        AtomicReference<String> text = new AtomicReference<>(GO);
        PrometheusProcessProbe probe = probe(text);
        AtomicLong clock = new AtomicLong();
        ResourceMonitor monitor = ResourceMonitor.builder(TargetProcess.remote(probe, "remote")).nanoClock(clock::get).build();
        assertThat(monitor.pid()).isZero();

        assertThat(monitor.sample()).get().extracting(ResourceSample::rssMb).isEqualTo(4.2467328e7 / MB);
        text.set(null);
        clock.addAndGet(1_000_000_000L);
        assertThatThrownBy(monitor::sample).isInstanceOf(UncheckedIOException.class)
                .hasMessage("the target's Prometheus text at http://10.0.0.7:8080/metrics could not be read (GET"
                        + " http://10.0.0.7:8080/metrics returned HTTP 503); its resources are missing from the samples"
                        + " until it answers again");
        clock.addAndGet(1_000_000_000L);
        Optional<ResourceSample> during = monitor.sample(); // the second failure in a row: a gap, silently
        assertThat(during).get().satisfies(r -> {
            assertThat(r.rssMb()).isNaN();
            assertThat(r.openFds()).isNaN();
        });
        text.set(GO.replace("process_open_fds 37", "process_open_fds 40").replace("12.5", "13.5"));
        clock.addAndGet(1_000_000_000L);
        assertThat(monitor.sample()).get().satisfies(r -> assertThat(r.openFds()).isEqualTo(40));
        text.set(null);
        clock.addAndGet(1_000_000_000L);
        assertThatThrownBy(monitor::sample).as("a new outage warns again").isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void cpuPercent_comesFromTheCounter() {
        AtomicReference<String> text = new AtomicReference<>(GO);
        AtomicLong clock = new AtomicLong();
        ResourceMonitor monitor = ResourceMonitor.builder(TargetProcess.remote(probe(text), "remote")).nanoClock(clock::get).build();
        assertThat(monitor.sample()).get().extracting(ResourceSample::cpuPercent).isEqualTo(Double.NaN);
        text.set(GO.replace("process_cpu_seconds_total 12.5", "process_cpu_seconds_total 14"));
        clock.addAndGet(10_000_000_000L); // 1.5 s of CPU in 10 s
        assertThat(monitor.sample()).get().extracting(ResourceSample::cpuPercent).isEqualTo(15.0);
    }

    @Test
    void aNewStartTime_isARestart_andEndsTheTarget() {
        AtomicReference<String> text = new AtomicReference<>(GO);
        ResourceMonitor monitor = ResourceMonitor.builder(TargetProcess.remote(probe(text), "remote")).build();
        assertThat(monitor.sample()).isPresent();
        text.set(null); // an outage keeps the start time: no restart
        assertThatThrownBy(monitor::sample).isInstanceOf(UncheckedIOException.class);
        assertThat(monitor.sample()).isPresent();
        text.set(GO.replace("1.76473632042e+09", "1.76473650000e+09"));
        assertThat(monitor.sample()).isEmpty();
        assertThat(new TargetExit(0, java.util.OptionalInt.empty()).message()).startsWith("the target's process restarted");
    }

    @Test
    void aCpuCounterThatGoesBack_isARestart_evenWithoutAStartTime_andAcrossAnOutage() {
        String noStart = GO.replaceAll("(?m)^process_start_time_seconds.*$", "");
        assertThat(PrometheusProcessProbe.missing(PrometheusProcessProbe.stats(0, PrometheusText.parse(noStart))))
                .containsExactly("the start time (process_start_time_seconds), so a restart is seen only when"
                        + " process_cpu_seconds_total goes back");
        AtomicReference<String> text = new AtomicReference<>(noStart);
        ResourceMonitor monitor = ResourceMonitor.builder(TargetProcess.remote(probe(text), "remote")).build();
        assertThat(monitor.sample()).isPresent();
        assertThat(monitor.sample()).as("a counter that stood still").isPresent();
        text.set(noStart.replace("process_cpu_seconds_total 12.5", "process_cpu_seconds_total 13"));
        assertThat(monitor.sample()).as("a counter that rose").isPresent();
        text.set(null); // the restart happens while the scrapes fail
        assertThatThrownBy(monitor::sample).isInstanceOf(UncheckedIOException.class);
        assertThat(monitor.sample()).as("an outage is a gap").isPresent();
        text.set(noStart.replace("process_cpu_seconds_total 12.5", "process_cpu_seconds_total 0.8"));
        assertThat(monitor.sample()).as("the counter of a new process").isEmpty();
        assertThat(monitor.sample()).as("gone stays gone").isEmpty();
        assertThat(new TargetExit(0, java.util.OptionalInt.empty()).message()).contains("process_cpu_seconds_total lower");
    }

    @Test
    void aCpuCounterThatGoesBack_endsTheTarget_evenWhenTheStartTimeIsTheSame() {
        AtomicReference<String> text = new AtomicReference<>(GO);
        ResourceMonitor monitor = ResourceMonitor.builder(TargetProcess.remote(probe(text), "remote")).build();
        assertThat(monitor.sample()).isPresent();
        text.set(GO.replace("process_cpu_seconds_total 12.5", "process_cpu_seconds_total 12.49"));
        assertThat(monitor.sample()).as("two replicas started in the same second behind a balancer").isEmpty();
    }

    @Test
    void withNoStartTime_nothingIsTakenForARestart() {
        AtomicReference<String> text = new AtomicReference<>(MICROMETER.replaceAll("(?m)^process_start_time_seconds.*$", ""));
        ResourceMonitor monitor = ResourceMonitor.builder(TargetProcess.remote(probe(text), "remote")).build();
        assertThat(monitor.sample()).isPresent();
        text.set(MICROMETER);
        assertThat(monitor.sample()).as("a start time first seen later is not a new process").isPresent();
        assertThat(monitor.sample()).isPresent();
    }

    @Test
    void watch_auto_readsTheMetricsOfAnotherHostOnly() {
        assertThat(ProcessLocator.isThisHost("127.0.0.1")).isTrue();
        assertThat(ProcessLocator.isThisHost("localhost")).isTrue();
        assertThat(ProcessLocator.isThisHost("::1")).isTrue();
        assertThat(ProcessLocator.isThisHost("192.0.2.10")).as("TEST-NET-1, never an interface here").isFalse();

        assertThat(ProcessLocator.watchesByMetrics(target("endpoint = \"http://192.0.2.10:8080\""))).isTrue();
        assertThat(ProcessLocator.watchesByMetrics(target("endpoint = \"http://127.0.0.1:8080\""))).isFalse();
        assertThat(ProcessLocator.watchesByMetrics(target("endpoint = \"http://192.0.2.10:8080\"\npid = 4242")))
                .as("a named process is watched on this host").isFalse();
        assertThat(ProcessLocator.watchesByMetrics(target("endpoint = \"http://127.0.0.1:8080\"\nwatch = \"metrics\"")))
                .as("a port forward to a pod: the local listener is not the service").isTrue();
        assertThat(ProcessLocator.watchesByMetrics(target("endpoint = \"http://192.0.2.10:8080\"\nwatch = \"process\"")))
                .isFalse();
    }

    @Test
    void watch_survivesTheScenarioWrittenIntoTheRunDirectory() {
        Scenario s = ScenarioLoader.parse(scenario("endpoint = \"http://127.0.0.1:8080\"\nwatch = \"metrics\""), "w.toml");
        assertThat(s.target().watch()).isEqualTo(TargetSpec.Watch.METRICS);
        assertThat(ScenarioLoader.parse(ScenarioToml.write(s), "again").target().watch()).isEqualTo(TargetSpec.Watch.METRICS);
        assertThat(ScenarioLoader.parse(scenario(""), "d.toml").target().watch()).isEqualTo(TargetSpec.Watch.AUTO);
    }

    private static TargetSpec target(String lines) {
        return ScenarioLoader.parse(scenario(lines), "t.toml").target();
    }

    private static String scenario(String targetLines) {
        return """
                name = "w"
                [arrival]
                pattern = "constant"
                rate = 10
                [target]
                %s
                """.formatted(targetLines);
    }
}

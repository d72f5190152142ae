package dev.soak.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import dev.soak.checkpoint.ResourceSample;
import dev.soak.detect.Analysis;
import dev.soak.detect.AnalysisOptions;
import dev.soak.detect.AnalysisReport;
import dev.soak.detect.LeakDetector;
import dev.soak.detect.MetricVerdict;
import dev.soak.detect.Verdict;
import dev.soak.detect.sim.SeriesGenerator;
import dev.soak.detect.sim.SimSpec;
import dev.soak.load.DriverStatus;
import dev.soak.monitor.PrometheusExposition;
import dev.soak.monitor.PrometheusText;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The run's live state as Prometheus text ({@code --metrics-listen}). */
@Timeout(120)
class LiveMetricsTest {
    private static final double MB = 1024.0 * 1024.0;

    @TempDir
    Path dir;

    private static PrometheusExposition parse(LiveMetrics m) {
        PrometheusExposition e = PrometheusText.parse(m.text());
        assertThat(e.skippedLines()).as("every line is valid exposition text").isZero();
        return e;
    }

    @Test
    void theState_isWrittenAsPrometheusText_withNothingUnknownWrittenAsZero() {
        DriverStatus d = new DriverStatus(120, 250, 200, 199.5, 12.5, 0.002, 3, 24_000, 48, 2, 0, 350);
        ResourceSample r = new ResourceSample(121, 35, 512, 2048, 40, 77, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, 1024, Double.NaN);
        // the generator's own sample: RSS 300 MB, heap after GC 4 MB, CPU 12 %; its fds unmeasured
        ResourceSample g = new ResourceSample(120.5, 12, 300, 3000, 27, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, 4, 20_000, Double.NaN);
        // and the leak test of its heap after GC at the last look: 4 h of it growing 50 MB/h
        double[] t = new double[240];
        double[] heap = new double[240];
        for (int i = 0; i < t.length; i++) {
            t[i] = 60.0 * i;
            heap[i] = 4 + 50 * t[i] / 3600 + (i % 3);
        }
        MetricVerdict generatorHeap = LeakDetector.test("generator_heap_after_gc_mb", t, heap, true, new double[0],
            new double[0], AnalysisOptions.defaults());
        PrometheusExposition e = parse(new LiveMetrics("24 h \"prod\"", "runs/prod", "running", 120, 86_280, d, r, g,
            Optional.empty(), Optional.of(generatorHeap), new LiveMetrics.StallCount(2, 13.5)));
        assertThat(generatorHeap.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(e.value("soak_generator_heap_verdict", Map.of("verdict", "FAIL"))).hasValue(1);
        assertThat(e.value("soak_generator_heap_verdict", Map.of("verdict", "PASS"))).hasValue(0);
        assertThat(e.value("soak_generator_heap_mb_per_hour", Map.of()).getAsDouble())
            .isCloseTo(generatorHeap.ratePerHour(), within(1e-6)).isCloseTo(50, within(5.0));
        assertThat(e.value("soak_generator_resident_memory_bytes", Map.of())).hasValue(300 * MB);
        assertThat(e.value("soak_generator_heap_after_gc_bytes", Map.of())).hasValue(4 * MB);
        assertThat(e.value("soak_generator_cpu_percent", Map.of())).hasValue(12);

        assertThat(e.value("soak_info", Map.of("scenario", "24 h \"prod\"", "run_directory", "runs/prod", "phase", "running")))
            .hasValue(1);
        assertThat(e.value("soak_remaining_seconds", Map.of())).hasValue(86_280);
        assertThat(e.value("soak_intended_ops_per_second", Map.of())).hasValue(250);
        assertThat(e.value("soak_achieved_ops_per_second", Map.of())).hasValue(199.5);
        assertThat(e.value("soak_p99_latency_seconds", Map.of()).getAsDouble()).isCloseTo(0.0125, within(1e-12));
        assertThat(e.value("soak_generator_pause_seconds", Map.of()).getAsDouble()).isCloseTo(0.35, within(1e-12));
        assertThat(e.value("soak_requests_total", Map.of())).hasValue(24_000);
        assertThat(e.value("soak_request_errors_total", Map.of())).hasValue(48);
        assertThat(e.typeByFamily()).containsEntry("soak_requests_total", "counter").containsEntry("soak_error_ratio", "gauge");
        assertThat(e.value("soak_target_resident_memory_bytes", Map.of())).hasValue(512 * MB);
        assertThat(e.value("soak_target_open_fds", Map.of())).hasValue(77);
        assertThat(e.series("soak_target_heap_after_gc_bytes")).as("not measured: absent, not 0").isEmpty();
        assertThat(e.series("soak_look")).as("no look yet").isEmpty();
        assertThat(e.value("soak_stalls_total", Map.of())).hasValue(2);
        assertThat(e.value("soak_stall_seconds_total", Map.of())).hasValue(13.5);
        assertThat(e.typeByFamily()).containsEntry("soak_stalls_total", "counter").containsEntry("soak_stall_seconds_total", "counter");
    }

    @Test
    void theLastLook_givesEachMetricsVerdictOneHot_andItsRate() {
        var sim = SeriesGenerator.generate(SimSpec.stable().withNoise(2, 0.5).withLeak(200), 7);
        AnalysisReport a = Analysis.analyze(sim.resources(sim.size()), sim.metrics(sim.size()), AnalysisOptions.defaults());
        PrometheusExposition e = parse(new LiveMetrics("s", "d", "running", 8 * 3600, 0, null, null, null, Optional.of(a),
            Optional.empty(), LiveMetrics.StallCount.NONE));

        assertThat(a.metric("rss_mb").orElseThrow().verdict().name()).isEqualTo("FAIL");
        assertThat(e.value("soak_verdict", Map.of("metric", "rss_mb", "verdict", "FAIL"))).hasValue(1);
        assertThat(e.value("soak_verdict", Map.of("metric", "rss_mb", "verdict", "PASS"))).hasValue(0);
        assertThat(e.value("soak_verdict", Map.of("metric", "rss_mb", "verdict", "INCONCLUSIVE"))).hasValue(0);
        assertThat(e.value("soak_overall_verdict", Map.of("verdict", "FAIL"))).hasValue(1);
        assertThat(e.value("soak_rate_per_hour", Map.of("metric", "rss_mb", "unit", "MB/h")).getAsDouble())
            .isCloseTo(a.metric("rss_mb").orElseThrow().ratePerHour(), within(1e-3 * 200));
        assertThat(e.series("soak_verdict")).hasSize(3 * a.metrics().size());
        MetricVerdict rss = a.metric("rss_mb").orElseThrow();
        Map<String, String> interval = Map.of("metric", "rss_mb", "unit", "MB/h", "confidence", "0.9");
        assertThat(e.value("soak_rate_per_hour_low", interval).getAsDouble()).isCloseTo(rss.ciLowPerHour(), within(1e-3 * 200))
            .isLessThan(e.value("soak_rate_per_hour", Map.of("metric", "rss_mb", "unit", "MB/h")).getAsDouble());
        assertThat(e.value("soak_rate_per_hour_high", interval).getAsDouble()).isCloseTo(rss.ciHighPerHour(), within(1e-3 * 200));
        assertThat(e.value("soak_threshold_per_hour", Map.of("metric", "rss_mb", "unit", "MB/h")))
            .hasValue(rss.thresholdPerHour());
        assertThat(e.series("soak_extra_run_seconds")).as("nothing INCONCLUSIVE here").isEmpty();
    }

    @Test
    void anInconclusiveMetric_saysHowMuchLongerItNeeds() {
        var sim = SeriesGenerator.generate(SimSpec.stable().withNoise(20, 0.9).withLeak(10), 11);
        int n = sim.size() / 8; // an hour of an 8 h series: too short to tell 10 MB/h from nothing
        AnalysisReport a = Analysis.analyze(sim.resources(n), sim.metrics(n), AnalysisOptions.defaults());
        MetricVerdict rss = a.metric("rss_mb").orElseThrow();
        assertThat(rss.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        PrometheusExposition e = parse(new LiveMetrics("s", "d", "running", 3600, 7 * 3600, null, null, null, Optional.of(a),
            Optional.empty(), LiveMetrics.StallCount.NONE));
        assertThat(e.value("soak_extra_run_seconds", Map.of("metric", "rss_mb")).getAsDouble())
            .isCloseTo(rss.extraRunSec(), within(1e-5 * rss.extraRunSec())).isPositive();
    }

    @Test
    void aListenAddress_isAPortOrAHostAndPort() {
        assertThat(LiveMetricsServer.address("9464")).isEqualTo(new InetSocketAddress("127.0.0.1", 9464));
        assertThat(LiveMetricsServer.address("0.0.0.0:9464")).isEqualTo(new InetSocketAddress("0.0.0.0", 9464));
        assertThat(LiveMetricsServer.address("[::1]:0").getAddress().isLoopbackAddress()).isTrue();
        for (String bad : new String[] {"ninety", "70000", "-1", ":9464", "127.0.0.1:"}) {
            SoakException e = catchThrowableOfType(() -> LiveMetricsServer.address(bad), SoakException.class);
            assertThat(e).as(bad).isNotNull();
            assertThat(e.getMessage()).contains("--metrics-listen " + bad).contains("[HOST:]PORT");
        }
    }

    @Test
    void aTakenPort_stopsTheRunBeforeItStarts_sayingWhy() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            SoakException e = catchThrowableOfType(() -> LiveMetricsServer.start(
                new InetSocketAddress("127.0.0.1", taken.getLocalPort())), SoakException.class);
            assertThat(e.getMessage()).contains("cannot serve the live metrics on 127.0.0.1:" + taken.getLocalPort())
                .contains("Give a free port");
        }
    }

    @Test
    void aRunningSoak_isScrapedOverHttp_whileTheLoadGoesOn() throws Exception {
        HttpServer target = TextAnswer.loopback(16);
        target.createContext("/", ex -> TextAnswer.answer(ex, 200, "ok"));
        target.start();
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        List<String> scrapes = new ArrayList<>();
        try {
            Path f = PingScenario.write(dir, "live", 4, 50, target.getAddress().getPort(), PingScenario.thisProcess(),
                    "checkpoint_interval_sec = 2");
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            Thread scraper = new Thread(() -> {
                long end = System.nanoTime() + 20_000_000_000L;
                while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/metrics")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            synchronized (scrapes) {
                                scrapes.add(r.body());
                            }
                        }
                        Thread.sleep(250);
                    } catch (IOException e) {
                        // not listening yet, or already closed
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            scraper.start();
            SoakResult r = SoakOrchestrator.builder().scenarioFile(f).outputDir(dir.resolve("live")).out(null)
                .metricsListen("127.0.0.1:" + port).build().run();
            scraper.interrupt();
            scraper.join();

            assertThat(r.exitCode()).isNotEqualTo(2);
            List<PrometheusExposition> seen;
            synchronized (scrapes) {
                seen = scrapes.stream().filter(s -> !s.isEmpty()).map(PrometheusText::parse).toList();
            }
            assertThat(seen).as("scrapes during the run").hasSizeGreaterThanOrEqualTo(4);
            assertThat(seen).anySatisfy(e -> {
                assertThat(e.value("soak_info", Map.of("scenario", "live", "phase", "running"))).hasValue(1);
                assertThat(e.value("soak_achieved_ops_per_second", Map.of()).orElse(0)).isBetween(30.0, 70.0);
                assertThat(e.value("soak_target_resident_memory_bytes", Map.of()).orElse(0)).isGreaterThan(10 * MB);
                // this test's JVM is the generator, a JVM of tens of MB at least
                assertThat(e.value("soak_generator_resident_memory_bytes", Map.of()).orElse(0)).isGreaterThan(10 * MB);
            });
            assertThat(seen).anySatisfy(e -> assertThat(e.value("soak_look", Map.of()).orElse(0)).isGreaterThanOrEqualTo(1));
            assertThat(seen).extracting(e -> e.value("soak_requests_total", Map.of()).orElse(0)).isSorted();
            try (ServerSocket again = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                assertThat(again.getLocalPort()).as("the port is free again after the run").isEqualTo(port);
            }
        } finally {
            target.stop(0);
        }
    }
}

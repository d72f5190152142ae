package dev.soak.soak;

import static dev.soak.soak.TextAnswer.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import dev.soak.checkpoint.ResourceSample;
import dev.soak.checkpoint.RunDirectoryReader;
import dev.soak.checkpoint.RunEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code [target] watch = "metrics"}: a service Soak cannot see as a process (another host, a container, a pod behind
 * a port forward) is watched through the process metrics of its Prometheus text, on loopback here.
 */
@Timeout(120)
class RemoteTargetTest {
    private static final double MB = 1024.0 * 1024.0;
    private static final String METRICS = "metrics_path = \"/metrics\"\nwatch = \"metrics\"";

    @TempDir
    Path dir;

    private HttpServer server;
    /** The metrics text; null answers 503. */
    private final AtomicReference<String> metrics = new AtomicReference<>();
    private final AtomicInteger scrapes = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = TextAnswer.loopback(16);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/secured/metrics") && !"Bearer s3cret".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                answer(ex, 401, "unauthorized");
            } else if (path.equals("/metrics") || path.equals("/secured/metrics")) {
                int n = scrapes.incrementAndGet();
                String text = metrics.get();
                answer(ex, text == null ? 503 : 200, text == null ? "down" : text.replace("SCRAPE", Integer.toString(n)));
            } else if (path.equals("/health") || path.equals("/ping")) {
                answer(ex, 200, "ok");
            } else {
                answer(ex, 404, "not found");
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** A process whose RSS grows by 1 MB and whose fds by one each scrape. */
    private static String process(double startSec) {
        return """
                process_resident_memory_bytes 1SCRAPE0485760
                process_open_fds SCRAPE
                process_max_fds 1024
                process_cpu_seconds_total 1.5
                process_start_time_seconds %s
                go_threads 9
                jvm_memory_heap_after_gc_bytes 52428800
                """.formatted(startSec);
    }

    private SoakResult run(String name, String targetLines, double seconds) throws IOException {
        Path f = PingScenario.write(dir, name, seconds, 20, server.getAddress().getPort(), targetLines, "");
        return SoakOrchestrator.builder().scenarioFile(f).outputDir(dir.resolve(name)).out(null).build().run();
    }

    @Test
    void theResources_comeFromTheMetrics_andNoLocalProcessIsLookedFor() throws Exception {
        metrics.set(process(1.7e9));
        // this JVM listens on the endpoint's port: watch = "process" would find it; "metrics" must not look
        SoakResult r = run("remote", METRICS, 3);

        RunDirectoryReader run = RunDirectoryReader.open(dir.resolve("remote"));
        List<ResourceSample> rows = run.resources().rows();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(4);
        for (ResourceSample s : rows) {
            double scrape = s.openFds(); // the scrape's number, also in its RSS: 1N0485760 bytes
            assertThat(s.rssMb()).isCloseTo(Double.parseDouble("1" + (long) scrape + "0485760") / MB, within(1e-9));
            assertThat(s.threads()).isEqualTo(9);
            assertThat(s.maxOpenFiles()).isEqualTo(1024);
            assertThat(s.heapAfterGcMb()).isEqualTo(50.0);
        }
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).openFds() - rows.get(i - 1).openFds())
                .as("one scrape a sample: the heap after GC is read from the text the process was read from").isEqualTo(1);
        }
        assertThat(scrapes.get()).as("the samples' scrapes and the one before the run").isEqualTo(rows.size() + 1);
        assertThat(run.runInfo().orElseThrow().targetPid()).isEmpty();
        RunEvent start = run.events().rows().stream().filter(e -> e.type().equals("start")).findFirst().orElseThrow();
        assertThat(start.message()).contains("the process behind 127.0.0.1:" + server.getAddress().getPort()
                + ", read from its Prometheus text at http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
        assertThat(start.details()).doesNotContainKey("pid").containsKey("resources_from");
        String report = Files.readString(dir.resolve("remote").resolve("report.txt"));
        assertThat(report).containsPattern("(?m)^target {10}: the process behind 127\\.0\\.0\\.1:\\d+, read from its"
                + " Prometheus text at http://127\\.0\\.0\\.1:\\d+/metrics$");
        assertThat(Files.readString(dir.resolve("remote").resolve("report.html"))).contains("<tr><td><b>Target</b></td><td>the process behind 127.0.0.1:");
        assertThat(r.exitCode()).isNotEqualTo(2);
    }

    @Test
    void aRestartOfTheRemoteProcess_abortsTheRun_whileAnOutageIsAGap() throws Exception {
        metrics.set(process(1.7e9));
        Thread flip = new Thread(() -> {
            try {
                Thread.sleep(1500);
                metrics.set(null); // the endpoint answers 503 for a second: a gap and one warning
                Thread.sleep(1000);
                metrics.set(process(1.7e9));
                Thread.sleep(1000);
                metrics.set(process(1.7e9 + 60)); // a new process_start_time_seconds: a restart
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        flip.start();
        SoakResult r = run("restart", METRICS, 30);
        flip.join();

        RunDirectoryReader run = RunDirectoryReader.open(dir.resolve("restart"));
        List<RunEvent> events = run.events().rows();
        assertThat(events).filteredOn(e -> e.type().equals("warning"))
                .extracting(RunEvent::message).filteredOn(m -> m.contains("could not be read")).hasSize(1)
                .allSatisfy(m -> assertThat(m).contains("/metrics").contains("HTTP 503"));
        assertThat(events).filteredOn(e -> e.type().equals("target_exit")).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("the target's process restarted"));
        assertThat(run.resources().rows()).anySatisfy(s -> assertThat(s.rssMb()).isNaN());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.measuredSec()).isLessThan(20);
    }

    @Test
    void metricsWithoutTheProcess_stopTheRunBeforeAnyLoad_sayingWhereTheyWereRead() throws Exception {
        metrics.set("jvm_memory_used_bytes{area=\"heap\"} 1e6\n");
        SoakException none = catchThrowableOfType(() -> run("none", METRICS, 3), SoakException.class);
        assertThat(none).isNotNull();
        assertThat(none.getMessage()).contains("/metrics holds none of the process metrics Soak reads")
                .contains("process_resident_memory_bytes").contains("[target] pid, pid_file or command");
        assertThat(RunDirectoryReader.open(dir.resolve("none")).metrics().rows()).as("no load was sent").isEmpty();

        metrics.set(process(1.7e9));
        SoakException wrongPath = catchThrowableOfType(() -> run("wrong-path",
                "metrics_path = \"/actuator/prometheus\"\nwatch = \"metrics\"", 3), SoakException.class);
        assertThat(wrongPath).isNotNull();
        assertThat(wrongPath.getMessage()).contains("cannot read the target's resources from its Prometheus text at http://127.0.0.1:"
                + server.getAddress().getPort() + "/actuator/prometheus").contains("HTTP 404")
                .contains("set [target] metrics_path to the path where the service exposes them");
    }

    @Test
    void securedMetrics_areScrapedWithTheHeadersOfMetricsHeaders_andWithoutThemTheRunStopsSayingSo() throws Exception {
        metrics.set(process(1.7e9));
        String secured = "metrics_path = \"/secured/metrics\"\nwatch = \"metrics\"";
        SoakException refused = catchThrowableOfType(() -> run("no-credentials", secured, 2), SoakException.class);
        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("/secured/metrics returned HTTP 401: the metrics need credentials")
                .contains("[target] metrics_headers, e.g. metrics_headers = { Authorization = \"Bearer {{env:METRICS_TOKEN}}\" }");
        assertThat(RunDirectoryReader.open(dir.resolve("no-credentials")).metrics().rows()).as("no load was sent").isEmpty();

        SoakException wrong = catchThrowableOfType(() -> run("wrong-credentials",
                secured + "\nmetrics_headers = { Authorization = \"Bearer guess\" }", 2), SoakException.class);
        assertThat(wrong.getMessage()).contains("the credentials of [target] metrics_headers (Authorization) were refused")
                .doesNotContain("guess");

        SoakResult r = run("credentials", secured + "\nmetrics_headers = { Authorization = \"Bearer s3cret\" }", 3);
        List<ResourceSample> rows = RunDirectoryReader.open(dir.resolve("credentials")).resources().rows();
        assertThat(rows).isNotEmpty().allSatisfy(x -> assertThat(x.heapAfterGcMb()).isEqualTo(50.0));
        assertThat(rows).allSatisfy(x -> assertThat(x.rssMb()).isPositive());
        assertThat(r.exitCode()).isNotEqualTo(2);
    }

    @Test
    void theMetricsOfSeveralProcesses_stopTheRunBeforeAnyLoad_namingThem() throws Exception {
        metrics.set("""
                process_resident_memory_bytes{instance="10.0.0.7:8080",job="orders"} 1.2e8
                process_resident_memory_bytes{instance="10.0.0.8:8080",job="orders"} 1.9e8
                process_open_fds{instance="10.0.0.7:8080",job="orders"} 40
                process_open_fds{instance="10.0.0.8:8080",job="orders"} 52
                """);
        SoakException several = catchThrowableOfType(() -> run("federated", METRICS, 3), SoakException.class);
        assertThat(several).isNotNull();
        assertThat(several.getMessage()).contains("holds the metrics of more than one process")
                .contains("process_resident_memory_bytes {instance=\"10.0.0.7:8080\",job=\"orders\"},"
                        + " {instance=\"10.0.0.8:8080\",job=\"orders\"}")
                .contains("set [target] metrics_path to the whole URL of one process's own metrics");
        assertThat(RunDirectoryReader.open(dir.resolve("federated")).metrics().rows()).as("no load was sent").isEmpty();

        metrics.set("process_resident_memory_bytes{application=\"orders\"} 1.2e8\nprocess_open_fds{application=\"orders\"} 40\n");
        assertThat(run("tagged", METRICS, 2).exitCode()).as("one process with common tags (Micrometer's)").isNotEqualTo(2);
    }

    @Test
    void theReferenceServer_watchedThroughItsMetrics_showsItsRealProcess() throws Exception {
        Path f = Files.writeString(dir.resolve("embedded.toml"), """
                name = "embedded"
                [duration]
                total_seconds = 4
                [arrival]
                pattern = "constant"
                rate = 50
                [data]
                num_nodes = 50
                embedding_dim = 16
                [target]
                kind = "embedded"
                watch = "metrics"
                [soak]
                sample_interval_sec = 1
                resource_check_interval_sec = 0.5
                """);
        SoakResult r = SoakOrchestrator.builder().scenarioFile(f).outputDir(dir.resolve("embedded")).out(null).build().run();

        RunDirectoryReader run = RunDirectoryReader.open(dir.resolve("embedded"));
        List<ResourceSample> rows = run.resources().rows();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(4).allSatisfy(s -> {
            assertThat(s.rssMb()).isBetween(20.0, 4096.0); // a JVM's resident set, in MB
            assertThat(s.threads()).isGreaterThan(5);
            assertThat(s.openFds()).isGreaterThan(3).isLessThan(s.maxOpenFiles());
            assertThat(s.heapAfterGcMb()).isBetween(0.1, 4096.0);
            assertThat(s.pssMb()).isNaN(); // not in the metrics: never guessed
        });
        assertThat(rows.subList(1, rows.size())).anySatisfy(s -> assertThat(s.cpuPercent()).isGreaterThan(0));
        assertThat(run.runInfo().orElseThrow().targetPid()).as("the embedded server is still a child of this host").isPresent();
        assertThat(r.exitCode()).isIn(0, 3);
    }

    @Test
    void aServiceWithoutRss_isTestedOnItsHeap_andTheReportSaysRssWasNotMeasured() throws Exception {
        // what Spring Boot's Micrometer exports: no process_resident_memory_bytes, its own fd names
        metrics.set("""
                process_files_open_files 4SCRAPE
                process_files_max_files 65536
                process_start_time_seconds 1.7e9
                jvm_threads_live_threads 31
                jvm_gc_live_data_size_bytes 52428800
                """);
        SoakResult r = run("micrometer", METRICS, 3);

        List<ResourceSample> rows = RunDirectoryReader.open(dir.resolve("micrometer")).resources().rows();
        assertThat(rows).isNotEmpty().allSatisfy(s -> {
            assertThat(s.rssMb()).isNaN();
            assertThat(s.threads()).isEqualTo(31);
            assertThat(s.maxOpenFiles()).isEqualTo(65536);
        });
        assertThat(r.report()).get().satisfies(m -> {
            assertThat(m.verdicts()).extracting(v -> v.metric()).contains("heap_after_gc_mb").doesNotContain("rss_mb");
            assertThat(m.notes()).anySatisfy(n -> assertThat(n).startsWith("rss_mb was not measured in any of the "
                    + rows.size() + " resource samples"));
            assertThat(m.notes()).noneSatisfy(n -> assertThat(n).startsWith("threads was not measured"));
        });
        assertThat(Files.readString(dir.resolve("micrometer").resolve("report.txt")))
                .contains("rss_mb was not measured").contains("process_resident_memory_bytes");
    }

    @Test
    void metricsOnAManagementPort_areReadWhereTheWholeUrlSays() throws Exception {
        HttpServer management = TextAnswer.loopback(4);
        management.createContext("/metrics", ex -> answer(ex, 200, process(1.7e9).replace("SCRAPE", "7")));
        management.start();
        try {
            metrics.set(null); // the load's server has no metrics at all
            String url = "http://127.0.0.1:" + management.getAddress().getPort() + "/metrics";
            run("management", "metrics_path = \"" + url + "\"\nwatch = \"metrics\"", 2);

            RunDirectoryReader run = RunDirectoryReader.open(dir.resolve("management"));
            assertThat(run.resources().rows()).isNotEmpty().allSatisfy(s -> {
                assertThat(s.openFds()).isEqualTo(7);
                assertThat(s.heapAfterGcMb()).isEqualTo(50.0);
            });
            assertThat(run.events().rows()).filteredOn(e -> e.type().equals("start")).singleElement()
                    .satisfies(e -> assertThat(e.message()).contains("the process serving the Prometheus text at " + url));
            assertThat(scrapes.get()).as("nothing scraped at the load's server").isZero();
        } finally {
            management.stop(0);
        }
    }
}

package dev.soak.soak;

import static dev.soak.soak.TextAnswer.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import dev.soak.checkpoint.ResourceSample;
import dev.soak.checkpoint.RunDirectoryReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code [target] metrics_path}: the heap after GC is scraped where the scenario says, not only at Engram's path. */
@Timeout(120)
class MetricsPathTest {
    private static final double LIVE_BYTES = 123_456_789;

    @TempDir
    Path dir;

    private List<ResourceSample> run(int port, String metricsPathLine, String name) throws IOException {
        Path f = PingScenario.write(dir, name, 4, 20, port, PingScenario.thisProcess() + "\n" + metricsPathLine, "");
        Path out = dir.resolve(name);
        SoakOrchestrator.builder().scenarioFile(f).outputDir(out).out(null).build().run();
        return RunDirectoryReader.open(out).resources().rows();
    }

    @Test
    void heapAfterGc_comesFromTheConfiguredPrometheusPath() throws Exception {
        HttpServer server = TextAnswer.loopback(16);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/custom/prometheus")) {
                answer(ex, 200, "# TYPE jvm_gc_live_data_size_bytes gauge\njvm_gc_live_data_size_bytes " + LIVE_BYTES + "\n");
            } else if (path.equals("/health") || path.equals("/ping")) {
                answer(ex, 200, "ok");
            } else {
                answer(ex, 404, "not found");
            }
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            List<ResourceSample> custom = run(port, "metrics_path = \"/custom/prometheus\"", "custom");
            assertThat(custom).isNotEmpty().allSatisfy(r ->
                assertThat(r.heapAfterGcMb()).isCloseTo(LIVE_BYTES / (1024.0 * 1024.0), within(1e-6)));
            // this JVM is the watched process, so nothing but the scrape measures its heap: at Engram's path, nothing
            List<ResourceSample> engramPath = run(port, "", "default");
            assertThat(engramPath).isNotEmpty().allSatisfy(r -> assertThat(r.heapAfterGcMb()).isNaN());
        } finally {
            server.stop(0);
        }
    }
}

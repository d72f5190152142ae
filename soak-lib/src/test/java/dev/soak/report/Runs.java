package dev.soak.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small synthetic run directories for the report tests (seconds to write). */
final class Runs {
    private Runs() {
    }

    static SyntheticRun.Spec base() {
        return SyntheticRun.Spec.healthy().withDurationSec(4 * 3600).withOpsPerSec(20);
    }

    static Path healthy(Path dir) throws IOException {
        return SyntheticRun.write(dir, base());
    }

    static Path leakAndDrift(Path dir) throws IOException {
        return SyntheticRun.write(dir, base().withLeak(30).withDrift(10).withSeed(7));
    }

    /**
     * Ends the run directory's load as a run's load ends: one more interval of {@code sec} seconds after the last, with
     * one operation at a tenth of the last interval's rate and a p99 of {@code p99Ms}; returns that rate.
     */
    static double appendSliver(Path dir, double sec, double p99Ms) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path metrics = dir.resolve("metrics.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(metrics));
        ObjectNode last = (ObjectNode) json.readTree(lines.get(lines.size() - 1));
        double rate = last.get("achieved_rate").asDouble() / 10;
        last.put("t_sec", last.get("t_sec").asDouble() + sec).put("interval_sec", sec).put("ops", 1)
                .put("intended_rate", rate).put("achieved_rate", rate).put("p99_latency_ms", p99Ms);
        lines.add(json.writeValueAsString(last));
        Files.write(metrics, lines);
        return rate;
    }
}

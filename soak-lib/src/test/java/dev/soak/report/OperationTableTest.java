package dev.soak.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.soak.checkpoint.IntervalMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report keeps each load interval's totals only and sums the per-operation detail while it reads: its table
 * says what the intervals' detail says (each operation's operations and errors over the run, and without
 * latency.hlog the worst interval's percentiles), and the intervals it holds carry no per-operation maps.
 */
class OperationTableTest {

    @TempDir
    Path tmp;

    @Test
    void theTableFromTotalsOnly_isTheTableOfEveryIntervalsDetail() throws Exception {
        Path dir = SyntheticRun.write(tmp.resolve("run"), SyntheticRun.Spec.healthy().withDurationSec(3600));
        Files.delete(dir.resolve("latency.hlog")); // the table's percentiles then come from the intervals

        RunData detailed = RunLoader.load(List.of(dir), true);
        RunData reported = RunLoader.load(List.of(dir));
        assertThat(reported.metrics()).hasSameSizeAs(detailed.metrics())
            .allSatisfy(m -> assertThat(m.perOperation()).isEmpty());
        List<String> operations = List.copyOf(detailed.metrics().get(0).perOperation().keySet());
        assertThat(operations).hasSizeGreaterThanOrEqualTo(2);

        List<OperationTable.Row> rows = OperationTable.rows(reported);
        assertThat(rows).extracting(OperationTable.Row::name).first().isEqualTo("all");
        assertThat(rows).extracting(OperationTable.Row::name).containsAll(operations);
        for (String op : operations) {
            OperationTable.Row row = rows.stream().filter(r -> r.name().equals(op)).findFirst().orElseThrow();
            List<IntervalMetrics> m = detailed.metrics();
            assertThat(row.ops()).isEqualTo(m.stream().mapToLong(i -> i.perOperation().get(op).ops()).sum()).isPositive();
            assertThat(row.errors()).isEqualTo(m.stream().mapToLong(i -> i.perOperation().get(op).errors()).sum());
            assertThat(row.p99Ms()).isEqualTo(m.stream().mapToDouble(i -> i.perOperation().get(op).latency().p99Ms()).max().orElseThrow());
            assertThat(row.maxMs()).isEqualTo(m.stream().mapToDouble(i -> i.perOperation().get(op).latency().maxMs()).max().orElseThrow());
            assertThat(row.exact()).isFalse();
        }
        OperationTable.Row all = rows.get(0);
        assertThat(all.ops()).isEqualTo(detailed.metrics().stream().mapToLong(i -> i.all().ops()).sum());
    }
}

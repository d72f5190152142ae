package dev.soak.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.soak.SoakResult;
import dev.soak.SoakResults;
import dev.soak.detect.AnalysisReport;
import dev.soak.detect.MetricVerdict;
import dev.soak.detect.Verdict;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class SoakResultAssertTest {
    private static final Path DIR = Path.of("/tmp/soak-run-1");

    private static MetricVerdict heap(Verdict v, double rate, double lo, double hi, double extraSec) {
        return new MetricVerdict("heap_after_gc_mb", v, true, rate, "MB/h", lo, hi, 0.9, 1e-6, 3e-6, 0.05, 500, 40, 0,
                List.of(), false, extraSec, "heap_after_gc_mb explanation sentence.");
    }

    private static MetricVerdict p99(Verdict v) {
        return new MetricVerdict("p99_latency_ms", v, true, 0.5, "%/h", -1, 2, 0.9, 0.4, 0.4, 0.05, 5, 20, 0,
                List.of(), false, Double.NaN, "p99 explanation.");
    }

    private static SoakResult result(MetricVerdict leak, MetricVerdict drift) {
        Verdict overall = leak.verdict().worst(drift.verdict());
        return SoakResults.of(new AnalysisReport(overall, List.of(leak, drift), List.of(), 20, false, 0, 0.05), DIR);
    }

    @Test
    void hasNoMemoryLeak_onFail_givesEstimateIntervalThresholdAndReport() {
        SoakResult r = result(heap(Verdict.FAIL, 2719.5, 2604.8, 2834.2, Double.NaN), p99(Verdict.PASS));

        AssertionError e = catchThrowableOfType(() -> SoakAssertions.assertThat(r).hasNoMemoryLeak(), AssertionError.class);

        assertThat(e).hasMessage("Expected no memory leak, but the memory-leak verdict is FAIL:\n"
                + "  FAIL: heap_after_gc_mb grows +2,719.5 MB/h (90% CI +2,604.8 .. +2,834.2 MB/h); threshold 500 MB/h; p < 0.0001\n"
                + "  heap_after_gc_mb explanation sentence.\n"
                + "Report: " + DIR.resolve("report.txt").toAbsolutePath());
    }

    @Test
    void hasNoMemoryLeak_onInconclusive_saysNotDecidedAndHowMuchLonger() {
        SoakResult r = result(heap(Verdict.INCONCLUSIVE, 120, -40, 610, 5400), p99(Verdict.PASS));

        AssertionError e = catchThrowableOfType(() -> SoakAssertions.assertThat(r).hasNoMemoryLeak(), AssertionError.class);

        assertThat(e.getMessage()).startsWith("Expected no memory leak, but the memory-leak verdict is INCONCLUSIVE (not decided):")
                .contains("(90% CI -40.0 .. +610.0 MB/h)").contains("about 1.5 h more run time would decide it");
    }

    @Test
    void passingResult_passesEveryNoAssertion_andFailsTheOpposites() {
        SoakResult r = result(heap(Verdict.PASS, -3, -20, 14, Double.NaN), p99(Verdict.PASS));

        SoakAssertions.assertThat(r).passes().doesNotFail().hasVerdict(Verdict.PASS).hasNoMemoryLeak().hasNoLatencyDrift();
        assertThat(catchThrowableOfType(() -> SoakAssertions.assertThat(r).hasMemoryLeak(), AssertionError.class))
                .hasMessageStartingWith("Expected a memory leak, but the memory-leak verdict is PASS:");
        assertThat(catchThrowableOfType(() -> SoakAssertions.assertThat(r).hasLatencyDrift(), AssertionError.class))
                .hasMessageContaining("p99_latency_ms");
    }

    @Test
    void passes_onDrift_listsEveryGatingVerdict() {
        SoakResult r = result(heap(Verdict.PASS, -3, -20, 14, Double.NaN), p99(Verdict.FAIL));

        AssertionError e = catchThrowableOfType(() -> SoakAssertions.assertThat(r).passes(), AssertionError.class);

        assertThat(e.getMessage()).startsWith("Expected the soak run to pass, but the overall verdict is FAIL:")
                .contains("PASS: heap_after_gc_mb").contains("FAIL: p99_latency_ms").endsWith("report.txt");
        SoakAssertions.assertThat(r).hasNoMemoryLeak().hasLatencyDrift();
    }

    @SoakTest
    void soakTest_isATestTaggedSoak() throws Exception {
        Method m = SoakResultAssertTest.class.getDeclaredMethod("soakTest_isATestTaggedSoak");
        SoakTest a = m.getAnnotation(SoakTest.class);
        assertThat(a.annotationType().getAnnotation(Tag.class).value()).isEqualTo("soak").isEqualTo(SoakTest.TAG);
        assertThat(a.annotationType().isAnnotationPresent(Test.class)).isTrue();
    }
}

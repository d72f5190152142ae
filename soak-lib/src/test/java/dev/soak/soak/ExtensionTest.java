package dev.soak.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.soak.checkpoint.RunEvent;
import dev.soak.detect.AnalysisReport;
import dev.soak.detect.MetricVerdict;
import dev.soak.detect.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtensionTest {
    private static MetricVerdict verdict(String metric, Verdict v, boolean gating, double extraSec) {
        return new MetricVerdict(metric, v, gating, 1, "MB/h", 0, 2, 0.9, 0.2, 0.2, 0.025, 10, 100, 0, List.of(), false,
            extraSec, "");
    }

    private static AnalysisReport report(Verdict overall, MetricVerdict... metrics) {
        return new AnalysisReport(overall, List.of(metrics), List.of(), 3600, false, 0, 0.025);
    }

    @Test
    void anInconclusiveEnd_isExtendedByTheLongestTimeItsGatingVerdictsAskFor_withinTheMaximum() {
        AnalysisReport r = report(Verdict.INCONCLUSIVE, verdict("rss_mb", Verdict.INCONCLUSIVE, true, 1800),
            verdict("p99_latency_ms", Verdict.INCONCLUSIVE, true, 5400),
            verdict("p50_latency_ms", Verdict.INCONCLUSIVE, false, 90_000));   // informational: not waited for
        assertThat(Extension.seconds(r, 8 * 3600, 24 * 3600, 10)).isEqualTo(5400);
        // only 3000 s left before max_total_seconds: extend by those
        assertThat(Extension.seconds(r, 8 * 3600, 8 * 3600 + 3000, 10)).isEqualTo(3000);
        // less than a sample interval left: end
        assertThat(Extension.seconds(r, 8 * 3600, 8 * 3600 + 5, 10)).isZero();
    }

    @Test
    void aDecidedEnd_orOneThatAsksForNoDefiniteTime_endsTheRun() {
        assertThat(Extension.seconds(report(Verdict.PASS, verdict("rss_mb", Verdict.PASS, true, Double.NaN)),
            3600, 7200, 10)).isZero();
        assertThat(Extension.seconds(report(Verdict.FAIL, verdict("rss_mb", Verdict.FAIL, true, Double.NaN),
            verdict("p99_latency_ms", Verdict.INCONCLUSIVE, true, 600)), 3600, 7200, 10)).isZero();
        assertThat(Extension.seconds(report(Verdict.INCONCLUSIVE,
            verdict("rss_mb", Verdict.INCONCLUSIVE, true, Double.NaN)), 3600, 7200, 10)).isZero();
    }

    private static RunEvent extend(double tSec, double extensionSec) {
        return new RunEvent(tSec, RunEvent.EXTEND, "info", "extending", Map.of("final_look", 1, Extension.EXTENSION_SEC,
            extensionSec));
    }

    @Test
    void aFreshRun_goesItsPlannedLength_andAResumedOneWhatIsLeftOfIt() {
        assertThat(Extension.remainingSec(3600, 7200, 0, List.of())).isEqualTo(3600);
        assertThat(Extension.remainingSec(3600, 3600, 1000, List.of(RunEvent.info(5, "resume", "resumed")))).isEqualTo(2600);
        assertThat(Extension.remainingSec(3600, 7200, 4000, List.of())).isZero();
    }

    @Test
    void aRunInterruptedDuringAnExtension_finishesTheExtensionsItWasGranted_withinTheMaximum() {
        List<RunEvent> events = List.of(RunEvent.info(0, "start", "started"), extend(3600, 1200), extend(4800, 900));
        // planned 3600 s + 1200 + 900 granted; 4000 s of load so far: 1700 s to go
        assertThat(Extension.remainingSec(3600, 7200, 4000, events)).isEqualTo(1700);
        // the maximum caps what the events granted
        assertThat(Extension.remainingSec(3600, 5000, 4000, events)).isEqualTo(1000);
        // an extend event without its detail (hand-edited) grants nothing
        List<RunEvent> bare = List.of(new RunEvent(3600, RunEvent.EXTEND, "info", "extending", Map.of()));
        assertThat(Extension.remainingSec(3600, 7200, 3000, bare)).isEqualTo(600);
    }
}

package dev.soak.soak;

import dev.soak.checkpoint.RunEvent;
import dev.soak.detect.AnalysisReport;
import dev.soak.detect.Verdict;
import java.util.List;

/**
 * How far a run that may be extended ({@code [duration] max_total_seconds}) goes on after its planned
 * end or an extension: by the extra run time its final analysis asks for while that analysis is
 * INCONCLUSIVE, within what the maximum leaves. Stateless.
 */
final class Extension {
    /** The detail of an {@code extend} event that holds the wall seconds it granted. */
    static final String EXTENSION_SEC = "extension_sec";

    private Extension() {
    }

    /**
     * The wall seconds to extend the run by, or 0 to end it: 0 when {@code finalAnalysis} decided (PASS or
     * FAIL), asks for no definite time, or the maximum leaves less than {@code minSec}; otherwise the time
     * asked for, cut to what {@code maxWallSec} leaves after {@code loadSec} seconds of load.
     */
    static double seconds(AnalysisReport finalAnalysis, double loadSec, double maxWallSec, double minSec) {
        double left = maxWallSec - loadSec;
        double asked = finalAnalysis.extraRunSec();
        if (finalAnalysis.verdict() != Verdict.INCONCLUSIVE || !(asked > 0) || !(left >= minSec)) {
            return 0;
        }
        return Math.min(asked, left);
    }

    /**
     * The wall seconds of load a run still has to go when it starts or resumes: its planned length plus every
     * extension its {@code extend} events granted (a run interrupted during an extension finishes that
     * extension before its next final test, rather than asking again at once), within {@code maxWallSec},
     * less the {@code loadBeforeSec} seconds already run; never negative.
     */
    static double remainingSec(double plannedWallSec, double maxWallSec, double loadBeforeSec, List<RunEvent> events) {
        double granted = 0;
        for (RunEvent e : events) {
            if (RunEvent.EXTEND.equals(e.type()) && e.details().get(EXTENSION_SEC) instanceof Number n) {
                granted += n.doubleValue();
            }
        }
        double target = Math.max(plannedWallSec, Math.min(plannedWallSec + granted, maxWallSec));
        return Math.max(0, target - loadBeforeSec);
    }
}

package dev.soak.soak;

import dev.soak.detect.AnalysisReport;
import dev.soak.detect.Verdict;

/**
 * How far a run that may be extended ({@code [duration] max_total_seconds}) goes on after its planned
 * end or an extension: by the extra run time its final analysis asks for while that analysis is
 * INCONCLUSIVE, within what the maximum leaves. Stateless.
 */
final class Extension {
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
}

package dev.soak;

import dev.soak.checkpoint.RunStatus;
import dev.soak.detect.AnalysisReport;
import java.nio.file.Path;
import java.util.Optional;

/** Test access to {@link SoakResult}'s constructor, for assertion tests on a made-up analysis. */
public final class SoakResults {
    private SoakResults() {
    }

    public static SoakResult of(AnalysisReport analysis, Path runDirectory) {
        return new SoakResult(analysis, RunStatus.COMPLETED, runDirectory, Optional.empty(), "summary", 20);
    }
}

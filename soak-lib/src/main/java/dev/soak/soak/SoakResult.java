package dev.soak.soak;

import dev.soak.checkpoint.RunStatus;
import dev.soak.detect.AnalysisReport;
import dev.soak.report.ReportModel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a soak run ended. Immutable.
 *
 * @param exitCode      0 pass, 1 fail or abort, 2 bad input (no samples), 3 inconclusive,
 *                      130 interrupted (the JVM itself exits 130 on SIGINT, 143 on SIGTERM)
 * @param status        {@code run.json}'s final status
 * @param runDirectory  where everything was written
 * @param verdict       the report's overall verdict ({@code PASS}, {@code FAIL}, {@code INCONCLUSIVE}),
 *                      or {@code NONE} when no report could be made
 * @param abortReason   why the run was aborted, when it was
 * @param report        the final report's model (the same as {@code analyze} computes), when written
 * @param lastLook      the last live analysis (checkpoint look), when there was one
 * @param reportHtml    {@code report.html}, when written
 * @param summary       the final summary printed on stdout
 * @param measuredSec   wall seconds of load driven (all parts of a resumed run)
 */
public record SoakResult(int exitCode, RunStatus status, Path runDirectory, String verdict, Optional<String> abortReason,
                         Optional<ReportModel> report, Optional<AnalysisReport> lastLook, Optional<Path> reportHtml,
                         String summary, double measuredSec) {
    /** Exit code of a pass. */
    public static final int EXIT_PASS = 0;
    /** Exit code of a FAIL verdict or an abort. */
    public static final int EXIT_FAIL = 1;
    /** Exit code of bad input. */
    public static final int EXIT_BAD_INPUT = SoakException.EXIT_CODE;
    /** Exit code of an INCONCLUSIVE verdict. */
    public static final int EXIT_INCONCLUSIVE = 3;
    /** Exit code of an interrupted run (SIGINT; the JVM exits 143 for SIGTERM). */
    public static final int EXIT_INTERRUPTED = 130;
}

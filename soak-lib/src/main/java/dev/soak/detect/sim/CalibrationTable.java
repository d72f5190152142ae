package dev.soak.detect.sim;

import java.util.List;
import java.util.Locale;

/** Text, markdown and CSV renderings of calibration results. Stateless. */
public final class CalibrationTable {
    private CalibrationTable() {
    }

    private static final String[] HEAD = {"cell", "kind", "truth", "hours", "T*_h", "runs", "soak_fail", "soak_fail_ci95",
            "soak_final_fail", "soak_pass", "soak_med_h_to_fail", "soak_ratio_T*", "soak_med_rel_err", "naive_fail",
            "naive_fail_ci95", "naive_med_h_to_fail", "naive_ratio_T*", "naive_med_rel_err", "soak_inconclusive", "extra_h_asked_med",
            "followup_decided", "soak_fail_after_followup", "soak_fail_after_followup_ci95", "soak_ci_cover_memory",
            "soak_ci_cover_p99"};

    private static String[] row(CellResult r) {
        return new String[] {r.cell().name(), r.cell().kind(), truth(r.cell().trueRate()), f(r.hours(), 2),
                f(r.tStarHours(), 2), Integer.toString(r.runs()), pct(r.soakFail()),
                pct(r.soakFailLow()) + "–" + pct(r.soakFailHigh()), pct(r.soakFinalFail()), pct(r.soakPass()),
                f(r.soakMedianHoursToFail(), 1), f(r.soakRatioToTStar(), 2), pct(r.soakMedianRelError()),
                pct(r.naiveFail()), pct(r.naiveFailLow()) + "–" + pct(r.naiveFailHigh()),
                f(r.naiveMedianHoursToFail(), 1), f(r.naiveRatioToTStar(), 2), pct(r.naiveMedianRelError()),
                pct(r.followUp().inconclusive()), f(r.followUp().medianExtraHours(), 1), pct(r.followUp().decided()),
                pct(r.followUp().failAfter()), pct(r.followUp().failAfterLow()) + "–" + pct(r.followUp().failAfterHigh()),
                pct(r.memoryCover()), pct(r.latencyCover())};
    }

    /** A markdown table with a header. */
    public static String markdown(List<CellResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append('|').append(String.join("|", HEAD)).append("|\n|");
        sb.append("---|".repeat(HEAD.length)).append('\n');
        for (CellResult r : results) {
            sb.append('|').append(String.join("|", row(r))).append("|\n");
        }
        return sb.toString();
    }

    /** CSV with a header line; percentages as numbers in %. */
    public static String csv(List<CellResult> results) {
        StringBuilder sb = new StringBuilder(String.join(",", HEAD)).append('\n');
        for (CellResult r : results) {
            sb.append(String.join(",", row(r)).replace('–', ' ')).append('\n');
        }
        return sb.toString();
    }

    /** One aligned console line per cell. */
    public static String line(CellResult r) {
        return String.format(Locale.ROOT,
                "%-22s %-6s T=%5.1fh T*=%5.2fh  soak FAIL %5s [%s–%s] final %5s pass %5s t=%5sh (%sxT*) err %5s, CI holds the truth %5s (memory) %5s (p99) | naive FAIL %5s t=%5sh err %5s | inconclusive %5s, +%sh asked, %5s decided then, FAIL %5s with it",
                r.cell().name(), r.cell().kind(), r.hours(), r.tStarHours(), pct(r.soakFail()), pct(r.soakFailLow()),
                pct(r.soakFailHigh()), pct(r.soakFinalFail()), pct(r.soakPass()), f(r.soakMedianHoursToFail(), 1),
                f(r.soakRatioToTStar(), 2), pct(r.soakMedianRelError()), pct(r.memoryCover()), pct(r.latencyCover()),
                pct(r.naiveFail()),
                f(r.naiveMedianHoursToFail(), 1), pct(r.naiveMedianRelError()), pct(r.followUp().inconclusive()),
                f(r.followUp().medianExtraHours(), 1), pct(r.followUp().decided()), pct(r.followUp().failAfter()));
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    /** The injected rate as given: "10", "0.5" (a whole-number format read a 0.5 %/h drift as 1). */
    private static String truth(double v) {
        return v == Math.rint(v) ? f(v, 0) : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String f(double v, int d) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + d + "f", v);
    }
}

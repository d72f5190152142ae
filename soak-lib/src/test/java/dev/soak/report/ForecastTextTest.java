package dev.soak.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.soak.report.ReportModel.Forecast;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the text and HTML reports word a forecast that does not reach its limit. */
class ForecastTextTest {
    private static final double NEVER = Double.POSITIVE_INFINITY;

    @Test
    void aGrowthThatIsNotSignificant_isNotApproachingItsLimit_ratherThanNeverReachingIt() {
        // fds rising 44.8/h, not significantly (its interval holds 0): "never reached at this rate" contradicted the rate
        // printed beside it; a flat count never reaches its limit
        ReportModel m = new ReportModel("test", 0, "none", List.of(), List.of(
                new Forecast("open_fds", 20000, "max_open_files", 55.2, 44.8, NEVER, NEVER, NEVER, 24, false, null, ""),
                new Forecast("threads", 4096, "max_threads", 40, 0, NEVER, NEVER, NEVER, 24, false, null, "")),
                List.of(), List.of());
        RunData run = new RunData(List.of(Path.of("run")), Map.of(), "unknown", "", ScenarioFacts.defaults(), List.of(),
                List.of(), new OperationSums(), List.of(), LatencyLog.empty(), List.of());

        String text = TextReport.render(run, m, 0);
        assertThat(text).contains("open_fds             now 55.2, 44.8/h, limit 20000 (max_open_files) not approached:"
                + " the growth is not significant");
        assertThat(text).contains("threads              now 40.0, 0.0/h, limit 4096 (max_threads) never reached at this rate");

        String html = HtmlReport.render(run, m, 0, Map.of());
        assertThat(html).contains("never (growth not significant)");
        assertThat(html.split("never \\(growth not significant\\)", -1)).hasSize(2);
    }

    @Test
    void aLimitReachedInPeaks_isReportedAsReached_withTheForecastsOwnSentence_notAsReachedIn0Hours() {
        String why = "open_fds reached its limit 1024 (max_open_files) in 24 of 480 samples (up to 1024, the first at"
                + " 9 min): exhausted at its peaks, though its level is 100 (0/h).";
        ReportModel m = new ReportModel("test", 0, "none", List.of(), List.of(
                new Forecast("open_fds", 1024, "max_open_files", 100, 0, 0, 0, 0, 24, true, null, why)),
                List.of(), List.of());
        RunData run = new RunData(List.of(Path.of("run")), Map.of(), "unknown", "", ScenarioFacts.defaults(), List.of(),
                List.of(), new OperationSums(), List.of(), LatencyLog.empty(), List.of());

        String text = TextReport.render(run, m, 1);
        // before: "reaches its limit 1024 (max_open_files) in 0.0 h (plausible 0.0 to 0.0 h), within the 24 h horizon"
        assertThat(text).contains("RESOURCE_EXHAUSTION_PREDICTED: " + why);
        assertThat(text).contains("open_fds             now 100, 0.0/h, limit 1024 (max_open_files) reached: EXHAUSTION");
        assertThat(text).contains("      note: " + why);
        assertThat(text).doesNotContain("0.0 h");

        String html = HtmlReport.render(run, m, 1, Map.of());
        assertThat(html).contains("<td>0 (reached)</td>", "<b>FAIL</b>: limit reached", "exhausted at its peaks");
    }
}

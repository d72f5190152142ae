package dev.soak.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The room the rest of a run needs, at the rate it has written so far. */
class DiskForecastTest {
    private static final Path DIR = Path.of("runs/prod");
    private static final long MB = 1L << 20;

    @Test
    void aWeekAtTheSmokeRunsRate_onTwoGigabytes_isWarned_withWhenItRunsOut() {
        // the smoke run writes about 390 KB a minute (4 operations at 1 s intervals): 23 MB an hour
        long written = 23 * MB;
        String w = DiskForecast.shortfall(DIR, written, 3600, 7 * 24 * 3600 - 3600, 2048 * MB).orElseThrow();
        assertThat(w).startsWith("the disk of the run directory runs/prod may fill before the run ends")
                .contains("(23 MB an hour)").contains("the remaining 167.0 h and the report need about 3.8 GB")
                .contains("has 2.0 GB free, enough for about 89.0 h more").contains("--resume runs/prod");
    }

    @Test
    void roomEnough_orAnythingUnknown_isNoWarning() {
        assertThat(DiskForecast.shortfall(DIR, 23 * MB, 3600, 23 * 3600, 600 * MB)).as("23 h need 529 MB").isEmpty();
        assertThat(DiskForecast.shortfall(DIR, 23 * MB, 3600, 23 * 3600, 529 * MB + MB / 2)).as("and the report 1 MB").get()
                .asString().contains("has 530 MB free, enough for the records but not for the report at the end");
        assertThat(DiskForecast.shortfall(DIR, 23 * MB, 3600, 23 * 3600, -1)).as("free space unknown").isEmpty();
        assertThat(DiskForecast.shortfall(DIR, 0, 3600, 23 * 3600, 1)).as("nothing written yet").isEmpty();
        assertThat(DiskForecast.shortfall(DIR, 23 * MB, 3600, 0, 1)).as("the run is over").isEmpty();
    }
}

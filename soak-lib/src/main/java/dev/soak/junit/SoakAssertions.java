package dev.soak.junit;

import dev.soak.SoakResult;

/**
 * Entry point of the AssertJ-style assertions on a {@link SoakResult}:
 *
 * <pre>{@code
 * import static dev.soak.junit.SoakAssertions.assertThat;
 *
 * assertThat(result).hasNoMemoryLeak().hasNoLatencyDrift();
 * assertThat(result).passes();
 * }</pre>
 * A failure message gives the verdict, the rate estimate with its confidence interval, the
 * threshold and p-value, the analysis's explanation, and the path of the run's {@code report.txt}.
 *
 * <p>Needs {@code org.assertj:assertj-core} on the test class path (soak-lib declares it optional).
 * If AssertJ's own {@code Assertions.assertThat} is imported statically too, call this one as
 * {@code SoakAssertions.assertThat(result)}. Stateless and thread-safe.
 */
public final class SoakAssertions {
    private SoakAssertions() {
    }

    /** Assertions on {@code actual}. */
    public static SoakResultAssert assertThat(SoakResult actual) {
        return new SoakResultAssert(actual);
    }
}

/**
 * JUnit 5 support: {@link dev.soak.junit.SoakTest} marks a soak test (a {@code @Test} tagged
 * {@code soak}, so a build can run soak tests apart), and {@link dev.soak.junit.SoakAssertions}
 * gives AssertJ assertions that read like the verdicts ({@code hasNoMemoryLeak()},
 * {@code hasNoLatencyDrift()}, {@code passes()}).
 *
 * <p>JUnit's API and AssertJ are optional dependencies of soak-lib: a project using this package
 * has them in its own test scope (e.g. {@code org.junit.jupiter:junit-jupiter} and
 * {@code org.assertj:assertj-core}); a project that does not, never gets them through soak-lib.
 */
package dev.soak.junit;

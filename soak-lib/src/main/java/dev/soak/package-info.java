/**
 * Soak: sustained load, resource sampling and trend statistics for long-running tests.
 *
 * <p>The library's entry point is {@link dev.soak.Soak} (a soak test from a TOML scenario or built in
 * code, with Java operations, run inside any harness) returning a {@link dev.soak.SoakResult}; JUnit 5
 * support is in {@link dev.soak.junit}. The sub-packages are the parts it is built from: scenario,
 * load, monitor, checkpoint, stats, detect, report, reference, and the orchestrator in
 * {@code dev.soak.soak}.
 */
package dev.soak;

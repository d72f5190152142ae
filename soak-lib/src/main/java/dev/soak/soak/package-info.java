/**
 * The orchestrator: one soak run end to end (DESIGN.md "soak").
 *
 * <p>Public surface: {@link dev.soak.soak.SoakOrchestrator} (built with its
 * {@link dev.soak.soak.SoakOrchestrator.Builder}), {@link dev.soak.soak.SoakResult} and
 * {@link dev.soak.soak.SoakException} (bad input, exit code 2). {@code jbang-scripts/soak.java} is a
 * thin command line over it.
 *
 * <p>Inside: {@code TargetHandle} starts the embedded reference server or finds the target and
 * waits for its health check; {@code RunLoop} wires the load driver, the resource sampler (target
 * and driver), the run directory and the abort conditions; {@code LiveLooks} runs the shared
 * {@link dev.soak.detect.Analysis} at each checkpoint; {@code SustainedLimit} and
 * {@code AbortWatch} are the sliding-window abort conditions; {@code ProgressView} draws progress;
 * {@code LiveMetrics} and {@code LiveMetricsServer} serve the same state as Prometheus text
 * ({@code --metrics-listen}); {@code DriverSamplesWriter} writes {@code driver.jsonl}.
 */
package dev.soak.soak;

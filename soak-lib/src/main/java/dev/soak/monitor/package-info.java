/**
 * Resource monitoring of the watched process and of the driver itself.
 *
 * <pre>{@code
 * TargetProcess target = ProcessLocator.locate(scenario.target(), runDir);   // or byPid / byPidFile / spawn / listeningOn
 * ResourceMonitor monitor = ResourceMonitor.builder(target).includeDescendants(true)
 *         .runStartNanos(runStart).build();
 * ResourceSampler sampler = ResourceSampler.builder(monitor).target(target)
 *         .interval(Duration.ofSeconds(1))
 *         .onSample(resourcesWriter::append)          // dev.soak.checkpoint.ResourceSample
 *         .onEvent(eventsWriter::append)              // RunEvent "target_exit" / "warning"
 *         .self(SelfMonitor.create(runStart), selfSamples::add)
 *         .build();
 * sampler.start();   ...   sampler.stop();
 * HeapProfile heap = HeapProfileSource.forTarget(URI.create("http://localhost:7432/metrics/prometheus"),
 *         target, Duration.ofSeconds(2)).capture();
 * }</pre>
 *
 * <p>{@link dev.soak.monitor.ProcessProbe} has one implementation per platform:
 * {@link dev.soak.monitor.LinuxProcProbe} (procfs, the fast path) and
 * {@link dev.soak.monitor.OshiProbe}. A process not on this host (another machine, a container, a pod behind a
 * port forward) is read from the process metrics of its Prometheus text by
 * {@link dev.soak.monitor.PrometheusProcessProbe}: {@link dev.soak.monitor.ProcessLocator#byMetrics} finds it (pid 0),
 * {@code ResourceMonitor.builder(target)} reads it through that probe, and a new start time is its restart.
 * Whatever a platform or a target's metrics cannot give is NaN / absent, never 0.
 */
package dev.soak.monitor;

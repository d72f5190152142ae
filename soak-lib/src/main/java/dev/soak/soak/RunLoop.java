package dev.soak.soak;

import dev.soak.checkpoint.HeapProfile;
import dev.soak.checkpoint.IntervalMetrics;
import dev.soak.checkpoint.ResourceSample;
import dev.soak.checkpoint.RunDirectory;
import dev.soak.checkpoint.RunDirectoryException;
import dev.soak.checkpoint.RunDirectoryReader;
import dev.soak.checkpoint.RunEvent;
import dev.soak.checkpoint.RunInfo;
import dev.soak.checkpoint.RunStatus;
import dev.soak.checkpoint.RunWriteException;
import dev.soak.detect.AnalysisReport;
import dev.soak.detect.DurationText;
import dev.soak.detect.ExhaustionForecast;
import dev.soak.detect.RateText;
import dev.soak.detect.Verdict;
import dev.soak.load.DriverStatus;
import dev.soak.load.ErrorSample;
import dev.soak.load.LoadDriver;
import dev.soak.monitor.HeapProfileSource;
import dev.soak.monitor.ResourceMonitor;
import dev.soak.monitor.ResourceSampler;
import dev.soak.monitor.SelfMonitor;
import dev.soak.report.Analyze;
import dev.soak.report.DriverPauses;
import dev.soak.report.Progress;
import dev.soak.report.RunData;
import dev.soak.report.Stalls;
import dev.soak.scenario.Scenario;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The body of {@link SoakOrchestrator#run()}: one run from target start to report. Package-private.
 *
 * <p>Thread safety: {@link #run} on one thread; {@link #requestInterrupt()} and the stop signals
 * from the sampler and driver threads are lock-free (volatile fields, first reason wins).
 */
final class RunLoop {
    private static final long TICK_MILLIS = 100;

    private volatile Path runDir;
    private volatile boolean interruptRequested;
    private volatile String abortReason;
    private volatile String abortCondition;
    /**
     * The first failure of a listener on another thread: a write into the run directory (disk full, …) or a bug. The
     * run stops and says so, rather than going on with nothing recorded.
     */
    private volatile RuntimeException listenerFailure;
    private final Object wake = new Object();
    private final CountDownLatch done = new CountDownLatch(1);

    // live state for progress and checkpoints (written by sampler / driver threads)
    private volatile ResourceSample lastResources;
    /** The load generator's own last sample ({@code driver.jsonl}), for {@code --metrics-listen}. */
    private volatile ResourceSample lastSelf;
    /** Null unless {@code --metrics-listen}: the run's live state for Prometheus. */
    private LiveMetricsServer liveMetrics;
    private volatile IntervalMetrics lastInterval;
    private volatile HeapProfile lastHeap = HeapProfile.none();
    private volatile double measuredSec;
    private volatile boolean ending;

    Path runDir() {
        return runDir;
    }

    void requestInterrupt() {
        interruptRequested = true;
        wakeUp();
    }

    private void abort(String condition, String reason) {
        synchronized (wake) {
            if (abortReason == null && !interruptRequested && !ending) {
                abortCondition = condition;
                abortReason = reason;
            }
            wake.notifyAll();
        }
    }

    /** A listener on another thread failed: the run stops as for an abort, and the failure ends it. */
    private void listenerFailed(RuntimeException e) {
        synchronized (wake) {
            if (listenerFailure == null) {
                listenerFailure = e;
            }
            wake.notifyAll();
        }
    }

    private void wakeUp() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    SoakResult run(SoakOrchestrator.Prepared p, SoakOrchestrator.Builder cfg) {
        Scenario sc = p.scenario();
        boolean terminal = cfg.terminal != null ? cfg.terminal : System.console() != null;
        ProgressView view = new ProgressView(cfg.out, terminal);
        Thread hook = null;
        if (cfg.handleSignals) {
            // The report is written from the shutdown hook on SIGINT/SIGTERM; ImageIO's file cache
            // would register a shutdown hook of its own then (IllegalStateException: Shutdown in
            // progress), so plots are encoded through its in-memory cache instead.
            javax.imageio.ImageIO.setUseCache(false);
            hook = new Thread(() -> {
                requestInterrupt();
                try {
                    done.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "soak-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        // before the run directory and the target: a port that is taken stops the run before anything starts
        LiveMetricsServer metrics = cfg.metricsListen == null ? null : LiveMetricsServer.start(cfg.metricsListen);
        liveMetrics = metrics;
        if (metrics != null) {
            view.message("soak: live metrics at " + metrics.url() + " (Prometheus text, while the run goes on)");
        }
        try {
            return runInDirectory(p, cfg, sc, view);
        } finally {
            if (metrics != null) {
                metrics.close();
            }
            done.countDown();
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down (a signal): the hook is running and returns now
                }
            }
        }
    }

    private SoakResult runInDirectory(SoakOrchestrator.Prepared p, SoakOrchestrator.Builder cfg, Scenario sc,
                                      ProgressView view) {
        RunDirectory run;
        double measuredBefore = 0;
        try {
            if (p.resume()) {
                measuredBefore = RunDirectoryReader.open(p.dir()).metricTotals().rows().stream() // lengths only
                    .mapToDouble(IntervalMetrics::intervalSec).sum();
                run = RunDirectory.resume(p.dir(), cfg.clock);
            } else {
                run = RunDirectory.create(p.dir(), RunInfo.newRun(sc.name(), OffsetDateTime.now(cfg.clock), p.seed(),
                    OptionalLong.empty(), Optional.empty()), p.scenarioToml());
            }
        } catch (RunDirectoryException e) {
            throw SoakOrchestrator.badDirectory(e);
        } catch (UncheckedIOException e) {
            throw new SoakException(RunWriteFailure.atStart(p.dir(), p.resume(), e), e);
        }
        runDir = p.dir();
        measuredSec = measuredBefore;
        long runStartNanos = System.nanoTime()
            - (long) (run.info().secondsSinceStart(OffsetDateTime.now(cfg.clock)) * 1e9);
        Clock2 t = () -> (System.nanoTime() - runStartNanos) / 1e9;

        TargetHandle target;
        try {
            target = cfg.java.watched != null ? TargetHandle.watching(sc, cfg.java.watched)
                : TargetHandle.open(sc, p.dir(), cfg.java.http());
        } catch (SoakException e) {
            run.events().append(RunEvent.error(t.sec(), "abort", "the target could not be started or reached: "
                + e.getMessage(), Map.of("condition", RunData.TARGET_UNAVAILABLE)));
            run.finish(RunStatus.ABORTED, OffsetDateTime.now(cfg.clock));
            run.close();
            throw new SoakException(e.getMessage() + " " + retryHint(p), e);
        }
        try {
            return drive(p, cfg, sc, view, run, target, t, measuredBefore, runStartNanos);
        } catch (RuntimeException | Error e) {
            // the run directory could not be written (disk full, …), or an unexpected failure (a bug): stop
            // everything, keep every file, say so
            ending = true;
            RunWriteException w = RunWriteException.in(e);
            attempt(e, () -> {
                if (driverRef != null) {
                    driverRef.stop();
                }
            });
            attempt(e, () -> {
                if (samplerRef != null) {
                    samplerRef.stop();
                }
            });
            attempt(e, target::close);
            attempt(e, () -> run.events().append(w != null
                ? RunEvent.error(t.sec(), "write_failed", w.getMessage(), Map.of("file", String.valueOf(w.file())))
                : RunEvent.error(t.sec(), "warning", "the run crashed: " + e, Map.of())));
            attempt(e, () -> run.finish(RunStatus.CRASHED, OffsetDateTime.now(cfg.clock)));
            attempt(e, run::close);
            if (w != null) {
                throw new SoakException(RunWriteFailure.message(w, p.dir(), measuredSec), e);
            }
            throw e;
        }
    }

    /** How to try again once the target answers: the run directory now holds this attempt. */
    private static String retryHint(SoakOrchestrator.Prepared p) {
        return p.resume()
            ? "The run in " + p.dir() + " is kept as it was: once the target answers, --resume " + p.dir() + " again."
            : "No load was sent; the attempt is recorded in " + p.dir() + " (status aborted): once the target answers,"
                + " start the run there with --resume " + p.dir() + ", or delete that directory.";
    }

    /** Runs {@code step} of a stop after {@code failure}; its own failure is added to it rather than thrown. */
    private static void attempt(Throwable failure, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException suppressed) {
            if (suppressed != failure) {
                failure.addSuppressed(suppressed);
            }
        }
    }

    /** Stalls of the load's intervals (on the driver's interval thread), and those ended, for the loop to record. */
    private final Stalls.Tracker stalls = new Stalls.Tracker();
    /** The stalls recorded so far (the loop's thread). */
    private LiveMetrics.StallCount stallCount = LiveMetrics.StallCount.NONE;
    private final java.util.concurrent.ConcurrentLinkedQueue<Stalls.Stall> stallsEnded = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Pauses of the load generator itself (on the driver's interval thread), and those ended, for the loop to record. */
    private final DriverPauses.Tracker pauses = new DriverPauses.Tracker();
    private final java.util.concurrent.ConcurrentLinkedQueue<DriverPauses.Pause> pausesEnded =
        new java.util.concurrent.ConcurrentLinkedQueue<>();

    private volatile LoadDriver driverRef;
    private volatile ResourceSampler samplerRef;

    private SoakResult drive(SoakOrchestrator.Prepared p, SoakOrchestrator.Builder cfg, Scenario sc, ProgressView view,
                             RunDirectory run, TargetHandle target, Clock2 t, double measuredBefore, long runStartNanos) {
        run.updateInfo(run.info().withTarget(target.pid() > 0 ? OptionalLong.of(target.pid()) : OptionalLong.empty(),
            target.command()));
        AbortWatch watch = new AbortWatch(sc.soak().abort());
        double remainingWall = Extension.remainingSec(sc.wallSeconds(), sc.maxWallSeconds(), measuredBefore,
            p.resume() ? RunDirectoryReader.open(p.dir()).events().rows() : List.of());
        boolean targetInThisJvm = target.pid() == ProcessHandle.current().pid();
        Map<String, Object> startDetails = new LinkedHashMap<>();
        startDetails.put("target", target.description());
        startDetails.put("endpoint", target.endpoint().toString());
        String tls = "https".equalsIgnoreCase(target.endpoint().getScheme()) ? "; TLS: " + sc.target().tls().describe() : "";
        if (!tls.isEmpty()) {
            startDetails.put("tls", sc.target().tls().describe());
        }
        if (target.pid() > 0) {
            startDetails.put("pid", target.pid());
        }
        target.process().remoteProbe().ifPresent(r -> startDetails.put("resources_from", r.where()));
        startDetails.put("seed", p.seed());
        startDetails.put("wall_sec", remainingWall);
        startDetails.put("time_scale", sc.soak().timeScale());
        startDetails.put("abort_conditions", watch.watched());
        startDetails.put(RunEvent.TARGET_IN_THIS_JVM, targetInThisJvm);
        double partStartSec = t.sec();
        run.events().append(new RunEvent(partStartSec, RunEvent.START, "info", String.format(Locale.ROOT,
            "%s \"%s\" against %s for %.0f wall s%s", p.resume() ? "resumed" : "started", sc.name(), target.description(),
            remainingWall, tls), startDetails));
        view.message(String.format(Locale.ROOT, "soak: %s \"%s\" -> %s (%s), %s, run directory %s",
            p.resume() ? "resuming" : "running", sc.name(), target.endpoint(), target.description(),
            DurationText.clock(remainingWall) + " of load", p.dir()));

        DriverSamplesWriter driverSamples = new DriverSamplesWriter(p.dir());
        URI metricsUrl = target.endpoint().resolve(sc.target().metricsPath());
        HeapProfileSource heap = cfg.java.watchedHeap != null ? cfg.java.watchedHeap
            : target.process().remoteProbe().isPresent() ? HeapProfileSource.lastScrapeOf(target.process().remoteProbe().get())
            : target.embedded() ? HeapProfileSource.prometheus(metricsUrl, Duration.ofSeconds(2))
            : HeapProfileSource.forTarget(metricsUrl, target.process(), Duration.ofSeconds(2), sc.target().tls(),
                sc.target().metricsHeaderValues());
        ResourceMonitor monitor = ResourceMonitor.builder(target.process())
            .includeDescendants(target.process().spawned().isPresent())
            .runStartNanos(runStartNanos)
            .heapAfterGcMb(() -> {
                HeapProfile h = heap.capture();
                lastHeap = h;
                return h.jvmHeapAfterGcBytes() / (1024.0 * 1024.0);
            })
            .build();
        ResourceSampler sampler = ResourceSampler.builder(monitor).target(target.process())
            .interval(Duration.ofMillis((long) (sc.soak().resourceCheckIntervalSec() * 1000)))
            .onSample(raw -> {
                try {
                    ResourceSample s = cfg.java.recorded(raw);
                    lastResources = s;
                    run.resources().append(s);
                    if (watch.onResources(raw)) {
                        abort(watch.condition().orElse("limit"), watch.reason().orElse("limit breached"));
                    }
                } catch (RuntimeException e) {
                    listenerFailed(e);
                }
            })
            .onEvent(e -> onSamplerEvent(e, run, target))
            .self(SelfMonitor.create(runStartNanos), self -> {
                try {
                    lastSelf = self.resources();
                    driverSamples.append(self);
                } catch (RuntimeException e) {
                    listenerFailed(e);
                }
            })
            .build();
        samplerRef = sampler;
        sampler.start();

        LoadDriver driver;
        try {
            var db = LoadDriver.builder(sc).endpoint(target.endpoint()).seed(p.seed())
                .sampleInterval(Duration.ofMillis((long) (sc.soak().sampleIntervalSec() * 1000)))
                .javaThreads(cfg.java.javaThreads)
                .targetInThisJvm(targetInThisJvm);
            cfg.java.operations.forEach((name, op) -> db.operation(name, op.weight(), op.operation()));
            driver = db.build();
        } catch (IllegalArgumentException e) {
            sampler.stop();
            target.close();
            run.finish(RunStatus.ABORTED, OffsetDateTime.now(cfg.clock));
            run.close();
            throw new SoakException(e.getMessage(), e);
        }
        driverRef = driver;
        if ((!p.resume() || target.embedded()) && !interruptRequested) {
            long stored = driver.preload((d, f, total) -> view.preload(d, f, total, d >= total));
            if (sc.data().numNodes() > 0) {
                run.events().append(RunEvent.info(t.sec(), "preload", String.format(Locale.ROOT,
                    "preloaded %d of %d items", stored, sc.data().numNodes())));
            }
            ErrorSampleEvents.record(driver, run, view, t.sec());
            Optional<ErrorSample> failed = driver.firstPreloadError();
            if (stored == 0 && failed.isPresent() && !interruptRequested) {
                abort("preload_failed", String.format(Locale.ROOT, "the preload stored none of its %d items (first failure:"
                    + " %s). Fix: make [data] match what the target accepts (e.g. embedding_dim = the server's embedding"
                    + " dimension), check [target] endpoint and kind, or set [data] num_nodes = 0 to skip the preload",
                    sc.data().numNodes(), failed.get().describe()));
            }
        }
        double driverStartSec = t.sec();
        if (abortReason == null) { // a preload that stored nothing aborts before any load
            driver.start((m, corrected, uncorrected) -> {
                try {
                    IntervalMetrics shifted = m.shiftedBy(driverStartSec);
                    run.metrics().append(shifted);
                    run.latencyLog().appendInterval(shifted, corrected, uncorrected);
                    stalls.add(shifted).ifPresent(stallsEnded::add);
                    pauses.add(shifted).ifPresent(pausesEnded::add);
                    lastInterval = shifted;
                    measuredSec += m.intervalSec();
                    if (watch.onInterval(shifted)) {
                        abort(watch.condition().orElse("limit"), watch.reason().orElse("limit breached"));
                    }
                } catch (RuntimeException e) {
                    listenerFailed(e); // else the driver's interval thread would end and the load go on unrecorded
                }
            });
        }

        LiveLooks looks = new LiveLooks(sc, p.dir(), run);
        GeneratorWatch generator = new GeneratorWatch(p.dir(), targetInThisJvm, p.resume() ? partStartSec : 0);
        DiskForecast disk = new DiskForecast(p.dir(), cfg.usableSpace != null ? cfg.usableSpace
            : DiskForecast.usableSpaceOf(p.dir()));
        // live looks spend α over the planned run only, so an extension a resumed run finishes is not part of it
        double plannedSec = driverStartSec + Math.max(0, sc.wallSeconds() - measuredBefore);
        long startNanos = System.nanoTime();
        long endNanos = startNanos + (long) (remainingWall * 1e9);
        long checkpointNanos = (long) (sc.soak().checkpointIntervalSec() * 1e9);
        long nextCheckpoint = startNanos + checkpointNanos;
        long progressNanos = view.terminal() ? 1_000_000_000L : (long) (cfg.plainProgressSec * 1e9);
        long nextProgress = startNanos + progressNanos;
        long nextPublish = startNanos;
        boolean diskLookedEarly = false;
        int extensions = looks.extensions();
        while (true) {
            while (!interruptRequested && abortReason == null && listenerFailure == null && System.nanoTime() - endNanos < 0) {
                long now = System.nanoTime();
                boolean checkpointDue = now - nextCheckpoint >= 0;
                if (checkpointDue) {
                    checkpoint(looks, generator, t.sec(), plannedSec, sc, view, run);
                    nextCheckpoint += checkpointNanos;
                }
                // the disk's room: at each checkpoint, and after the first minute (a checkpoint may be an hour away)
                if (checkpointDue || !diskLookedEarly && (now - startNanos) / 1e9 >= cfg.diskFirstLookSec) {
                    diskLookedEarly = true;
                    double loadSec = (now - startNanos) / 1e9;
                    lookAtDisk(disk, loadSec, Math.max((endNanos - now) / 1e9,
                        sc.extensible() ? sc.maxWallSeconds() - measuredBefore - loadSec : 0), t.sec(), run, view);
                }
                ErrorSampleEvents.record(driver, run, view, t.sec());
                recordStalls(run, view, t.sec());
                recordPauses(run, view, t.sec());
                if (liveMetrics != null && now - nextPublish >= 0) {
                    liveMetrics.publish(new LiveMetrics(sc.name(), p.dir().toString(), "running", t.sec() - driverStartSec,
                        (endNanos - now) / 1e9, driver.status(), lastResources, lastSelf, looks.last(), generator.last(),
                        stallCount));
                    nextPublish = now + 1_000_000_000L;
                }
                if (now - nextProgress >= 0) {
                    view.show(snapshot(sc, driver.status(), looks, "running", t.sec() - driverStartSec,
                        (endNanos - now) / 1e9));
                    nextProgress += progressNanos;
                }
                synchronized (wake) {
                    if (!interruptRequested && abortReason == null) {
                        try {
                            wake.wait(TICK_MILLIS);
                        } catch (InterruptedException e) {
                            requestInterrupt();
                        }
                    }
                }
            }
            if (listenerFailure != null) {
                throw listenerFailure; // stopped in runInDirectory, as a failure on this thread is
            }
            if (interruptRequested || abortReason != null || !sc.extensible()) {
                break;
            }
            double loadSec = measuredBefore + (System.nanoTime() - startNanos) / 1e9;
            double extendSec = extension(looks, sc, view, run, t.sec(), loadSec, extensions + 1);
            if (!(extendSec > 0)) {
                break;
            }
            extensions++;
            endNanos = System.nanoTime() + (long) (extendSec * 1e9);
        }
        ending = true;
        boolean interrupted = interruptRequested && abortReason == null;
        double stopSec = t.sec();
        if (liveMetrics != null) {
            liveMetrics.publish(new LiveMetrics(sc.name(), p.dir().toString(), abortReason != null ? "aborted"
                : interrupted ? "interrupted" : "ending", stopSec - driverStartSec, 0, driver.status(), lastResources, lastSelf,
                looks.last(), generator.last(), stallCount));
        }
        driver.stop();
        ErrorSampleEvents.record(driver, run, view, t.sec());
        stalls.end().ifPresent(stallsEnded::add); // the driver has stopped: its interval thread adds no more
        pauses.end().ifPresent(pausesEnded::add);
        recordStalls(run, view, t.sec());
        recordPauses(run, view, t.sec());
        sampler.stop();
        view.release();
        // the run's last look, unless a checkpoint looked less than a load interval ago (nothing new to read)
        if (!interrupted && !looks.lookedWithin(t.sec(), sc.soak().sampleIntervalSec())) {
            checkpoint(looks, generator, t.sec(), plannedSec, sc, view, run);
        }
        target.close();
        RunStatus status;
        if (abortReason != null) {
            status = RunStatus.ABORTED;
            run.events().append(RunEvent.error(stopSec, "abort", abortReason, Map.of("condition", abortCondition)));
            view.message("soak: ABORTED: " + abortReason);
        } else if (interrupted) {
            status = RunStatus.INTERRUPTED;
            run.events().append(RunEvent.warn(stopSec, "interrupted", "interrupted (Ctrl-C / SIGTERM) after "
                + DurationText.clock(stopSec - driverStartSec) + " of load; resume with --resume " + p.dir(), Map.of()));
            view.message("soak: interrupted; writing the report from the data so far");
        } else {
            status = RunStatus.COMPLETED;
        }
        run.events().append(RunEvent.info(t.sec(), "end", "run ended: " + status.json()));
        driverSamples.sync();
        driverSamples.close();
        heap.close();
        run.finish(status, OffsetDateTime.now(cfg.clock));
        run.close();
        return finish(p, cfg, status, looks, view);
    }

    private SoakResult finish(SoakOrchestrator.Prepared p, SoakOrchestrator.Builder cfg, RunStatus status, LiveLooks looks,
                              ProgressView view) {
        Analyze.Result r;
        try (Progress progress = Progress.to(view::message)) {
            r = Analyze.run(Analyze.Options.of(p.dir()), progress);
        }
        if (r.model() == null) {
            r = TextOnlyReport.write(p.dir(), r);
        }
        int exit;
        if (status == RunStatus.INTERRUPTED) {
            exit = SoakResult.EXIT_INTERRUPTED;
        } else if (status == RunStatus.ABORTED) {
            exit = SoakResult.EXIT_FAIL;
        } else {
            exit = r.exitCode();
        }
        Path html = p.dir().resolve("report.html");
        StringBuilder s = new StringBuilder(r.summary()).append('\n');
        if (abortReason != null) {
            s.append("aborted: ").append(abortReason).append('\n');
        }
        if (Files.exists(html)) {
            s.append("report: ").append(html.toAbsolutePath()).append('\n');
        }
        s.append(String.format(Locale.ROOT, "soak exit code %d (%s)", exit, describe(exit)));
        view.message(s.toString());
        return new SoakResult(exit, status, p.dir(), r.model() == null ? "NONE" : r.model().overall().name(),
            Optional.ofNullable(abortReason), Optional.ofNullable(r.model()), looks.last(),
            Files.exists(html) ? Optional.of(html) : Optional.empty(), s.toString(), measuredSec);
    }

    static String describe(int exit) {
        return switch (exit) {
            case 0 -> "pass";
            case 1 -> "fail or abort";
            case 2 -> "bad input";
            case 3 -> "inconclusive";
            case 130 -> "interrupted";
            default -> "exit " + exit;
        };
    }

    private void onSamplerEvent(RunEvent e, RunDirectory run, TargetHandle target) {
        try {
            recordSamplerEvent(e, run, target);
        } catch (RuntimeException failed) {
            listenerFailed(failed);
        }
    }

    private void recordSamplerEvent(RunEvent e, RunDirectory run, TargetHandle target) {
        if (!"target_exit".equals(e.type())) {
            run.events().append(e);
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>(e.details());
        String message = e.message();
        if (!details.containsKey("exit_code")) {
            var code = target.exitCode();
            if (code.isPresent()) {
                details.put("exit_code", code.getAsInt());
                message = String.format(Locale.ROOT, "target pid %d exited with code %d", target.pid(), code.getAsInt());
            }
        }
        boolean expected = ending || interruptRequested;
        run.events().append(new RunEvent(e.tSec(), "target_exit", expected ? "info" : "error", message, details));
        if (!expected) {
            abort("target_exit", (target.process().remoteProbe().isPresent() ? "the target process restarted during the"
                + " run: " : "the target process exited during the run: ") + message);
        }
    }

    /**
     * At the end of the planned run or of an extension of an extensible one ({@code [duration] max_total_seconds}):
     * the final analysis as final look {@code j} (level α/2^j). While it is INCONCLUSIVE and the maximum leaves
     * time, returns the wall seconds to extend the run by (the extra time its verdicts ask for, within the
     * maximum) and records an {@code extend} event; 0 ends the run.
     */
    private double extension(LiveLooks looks, Scenario sc, ProgressView view, RunDirectory run, double tSec,
                             double loadSec, int j) {
        if (sc.maxWallSeconds() - loadSec < sc.soak().sampleIntervalSec()) {
            return 0; // Extension.seconds would say 0 too; this spares the analysis when no time is left
        }
        Optional<AnalysisReport> a = looks.finalAnalysis(tSec, j);
        double extendSec = a.map(r -> Extension.seconds(r, loadSec, sc.maxWallSeconds(), sc.soak().sampleIntervalSec()))
            .orElse(0.0);
        if (!(extendSec > 0)) {
            a.ifPresent(r -> view.message(String.format(Locale.ROOT, "soak: final test %d at level %.3g: %s (memory %s,"
                + " latency %s) after %s of load; the run ends here", j, r.level(), r.verdict(), r.leak().verdict(),
                r.drift().verdict(), DurationText.clock(loadSec))));
            return 0;
        }
        double asked = a.get().extraRunSec();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(RunEvent.FINAL_LOOK, j);
        details.put("level", a.get().level());
        details.put("memory_leak", a.get().leak().verdict().name());
        details.put("latency_drift", a.get().drift().verdict().name());
        details.put("asked_sec", asked);
        Map<String, Double> askedBy = a.get().extraRunSecByMetric();
        details.put(RunEvent.ASKED_BY, askedBy);
        details.put(Extension.EXTENSION_SEC, extendSec);
        details.put("max_wall_sec", sc.maxWallSeconds());
        String longest = askedBy.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
            .orElse("the verdicts");
        String message = String.format(Locale.ROOT, "INCONCLUSIVE after %s of load (final test %d, at level %.3g): extending"
            + " the run by %s%s, up to %s of load in all ([duration] max_total_seconds)", DurationText.clock(loadSec), j,
            a.get().level(), DurationText.clock(extendSec), extendSec < asked
                ? " (all the maximum leaves; " + longest + " asks for " + DurationText.clock(asked) + ")"
                : " as " + longest + " asks", DurationText.clock(sc.maxWallSeconds()));
        run.events().append(new RunEvent(tSec, RunEvent.EXTEND, "info", message, details));
        view.message("soak: " + message);
        return extendSec;
    }

    /** Each stall the load's intervals have ended since the last call: a {@code stall} event and a console line. */
    private void recordStalls(RunDirectory run, ProgressView view, double tSec) {
        for (Stalls.Stall st; (st = stallsEnded.poll()) != null; ) {
            stallCount = new LiveMetrics.StallCount(stallCount.count() + 1, stallCount.seconds() + st.durationSec());
            String message = "the target completed nothing " + Stalls.line(st);
            run.events().append(RunEvent.warn(tSec, "stall", message, Map.of("start_sec", st.startSec(),
                "duration_sec", st.durationSec(), "intended_ops", st.intendedOps())));
            view.message("soak: stall: " + message);
        }
    }

    /**
     * Each pause of the load generator itself the load's intervals have ended since the last call: a
     * {@code driver_pause} event, and a console line for one of {@value DriverPauses#CONSOLE_MS} ms or more.
     */
    private void recordPauses(RunDirectory run, ProgressView view, double tSec) {
        for (DriverPauses.Pause p; (p = pausesEnded.poll()) != null; ) {
            String message = "the load generator itself paused " + DriverPauses.line(p) + " (a collection in Soak's JVM,"
                + " a stopped or starved host): the operations due then went out up to that late, and their latency"
                + " includes it";
            run.events().append(RunEvent.warn(tSec, "driver_pause", message, Map.of("start_sec", p.startSec(),
                "end_sec", p.endSec(), "longest_ms", p.longestMs())));
            if (p.longestMs() >= DriverPauses.CONSOLE_MS) {
                view.message("soak: " + message);
            }
        }
    }

    /** Warns once (console and a {@code disk_space} event) when the disk will not hold the rest of the run. */
    private static void lookAtDisk(DiskForecast disk, double loadSec, double remainingSec, double tSec, RunDirectory run,
                                   ProgressView view) {
        disk.check(loadSec, remainingSec).ifPresent(w -> {
            run.events().append(RunEvent.warn(tSec, "disk_space", w, Map.of()));
            view.message("soak: warning: " + w);
        });
    }

    private void checkpoint(LiveLooks looks, GeneratorWatch generator, double tSec, double plannedSec, Scenario sc,
                            ProgressView view, RunDirectory run) {
        Optional<AnalysisReport> report = looks.look(tSec, plannedSec, lastInterval, lastResources, lastHeap);
        if (report.isEmpty()) {
            return;
        }
        AnalysisReport a = report.get();
        view.message(ProgressView.checkpointLine(a, tSec));
        looks.lastOptions().ifPresent(o -> generator.look(o, a.lookNumber(), tSec, run, view::message));
        if (sc.soak().abort().abortOnRegression() && !ending) {
            if (a.leak().verdict() == Verdict.FAIL) {
                abort("abort_on_regression", String.format(Locale.ROOT, "abort_on_regression: memory leak FAIL at look %d"
                    + " (%s %s MB/h, threshold %s MB/h)", a.lookNumber(), a.leak().metric(),
                    ProgressView.signed(a.leak().ratePerHour()), ProgressView.num(a.leak().thresholdPerHour(), 1)));
            } else if (a.drift().verdict() == Verdict.FAIL) {
                abort("abort_on_regression", String.format(Locale.ROOT, "abort_on_regression: latency drift FAIL at look %d"
                    + " (p99 %s %%/h, threshold %s %%/h)", a.lookNumber(), RateText.of(a.drift().ratePerHour(), a.drift().rateUnit(), ProgressView::signed),
                    ProgressView.num(a.drift().thresholdPerHour(), 1)));
            } else {
                a.forecasts().stream().filter(ExhaustionForecast::exhausting).findFirst().ifPresent(f ->
                    abort("abort_on_regression", String.format(Locale.ROOT, "abort_on_regression: resource exhaustion at"
                        + " look %d: %s", a.lookNumber(), f.explanation())));
            }
        }
    }

    private ProgressView.Snapshot snapshot(Scenario sc, DriverStatus st, LiveLooks looks, String phase, double elapsedSec,
                                           double remainingSec) {
        ResourceSample r = lastResources;
        Optional<AnalysisReport> a = looks.last();
        return new ProgressView.Snapshot(sc.name(), phase, elapsedSec, remainingSec, st.intendedRate(),
            st.intervalIntendedRate(), st.achievedRate(),
            st.lastP99Ms(), st.errorRate(), ProgressView.Memory.of(r, a),
            a.map(x -> x.leak().verdict().name()).orElse("-"), a.map(x -> x.drift().verdict().name()).orElse("-"),
            a.map(x -> x.forecasts().stream().filter(ExhaustionForecast::exhausting).map(f -> "EXHAUSTION " + f.resource())
                .findFirst().orElse("OK")).orElse("-"),
            a.map(AnalysisReport::lookNumber).orElse(0));
    }

    /** Seconds since the run's start. */
    @FunctionalInterface
    interface Clock2 {
        double sec();
    }
}

package dev.soak.report;

import dev.soak.scenario.RunSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What a report is doing while it is slow: the loader and the writer name each step as they start it
 * ({@link #step}), and once the whole has taken longer than {@link #QUIET_SEC} a line goes to the sink for each new
 * step and every {@link #REPEAT_SEC} within a long one, with the time so far ("report: reading runs/prod/metrics.jsonl
 * (2.0 GB), 12 s so far"). A report of a week of 1 s intervals takes about a minute, which without it passed in
 * silence; one of a few seconds prints nothing. Lines come from a daemon thread, so a step that blocks still shows.
 *
 * <p>Thread-safe; {@link #close} it when done (it stops the thread; nothing is printed after).
 */
public final class Progress implements AutoCloseable {
    /** Nothing is said before the report has taken this long. */
    static final double QUIET_SEC = 3;
    /** A step that goes on is named again after this long. */
    static final double REPEAT_SEC = 10;

    private static final Progress NONE = new Progress(null, QUIET_SEC, REPEAT_SEC);

    private final Consumer<String> sink;
    private final double quietSec;
    private final double repeatSec;
    private final ScheduledExecutorService ticker;
    private final long startNanos = System.nanoTime();
    private volatile String step = "";
    private String said;
    private long saidNanos;
    private boolean closed;

    /** Says nothing for {@code quietSec}, then each new step and every {@code repeatSec} of one. */
    Progress(Consumer<String> sink, double quietSec, double repeatSec) {
        this.sink = sink;
        this.quietSec = quietSec;
        this.repeatSec = repeatSec;
        if (sink == null) {
            ticker = null;
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "report-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, 250, 250, TimeUnit.MILLISECONDS);
    }

    /** Says nothing. */
    public static Progress none() {
        return NONE;
    }

    /** Says what a slow report is doing to {@code sink}, one line at a time. */
    public static Progress to(Consumer<String> sink) {
        return new Progress(sink, QUIET_SEC, REPEAT_SEC);
    }

    /** The step the report starts now, e.g. "reading runs/prod/metrics.jsonl (2.0 GB)". */
    public void step(String what) {
        step = what;
    }

    /** "reading FILE (SIZE)": a step that reads a file whose size says how long it may take. */
    void reading(Path file) {
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            return; // a missing file is read in no time
        }
        step("reading " + file + " (" + RunSize.text(bytes) + ")");
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            synchronized (this) {
                closed = true; // a tick already running finishes before this, and none prints after
            }
        }
    }

    synchronized void tick() {
        long now = System.nanoTime();
        String s = step;
        if (closed || s.isEmpty() || (now - startNanos) / 1e9 < quietSec) {
            return;
        }
        if (!s.equals(said) || (now - saidNanos) / 1e9 >= repeatSec) {
            sink.accept(String.format(Locale.ROOT, "report: %s, %.0f s so far", s, (now - startNanos) / 1e9));
            said = s;
            saidNanos = now;
        }
    }

}

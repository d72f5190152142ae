package dev.soak.load;

import dev.soak.checkpoint.IntervalMetrics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.HdrHistogram.Histogram;

/** Collects every interval of a run and merges its histograms. */
final class RunCapture implements IntervalListener {
    final List<IntervalMetrics> intervals = new CopyOnWriteArrayList<>();
    final Histogram corrected = new Histogram(3);
    final Histogram uncorrected = new Histogram(3);
    /** Seconds from start until stop() was called (the sending window). */
    double sendSec;

    @Override
    public synchronized void onInterval(IntervalMetrics m, Map<String, Histogram> c, Map<String, Histogram> u) {
        intervals.add(m);
        c.values().forEach(corrected::add);
        u.values().forEach(uncorrected::add);
    }

    long ops() {
        return intervals.stream().mapToLong(m -> m.all().ops()).sum();
    }

    long errors(String errorClass) {
        return intervals.stream().mapToLong(m -> m.all().errorsByClass().getOrDefault(errorClass, 0L)).sum();
    }

    long errors() {
        return intervals.stream().mapToLong(m -> m.all().errors()).sum();
    }

    static RunCapture run(LoadDriver d, long millis) throws InterruptedException {
        RunCapture c = new RunCapture();
        d.start(c);
        Thread.sleep(millis);
        c.sendSec = d.status().elapsedSec();
        d.stop();
        return c;
    }
}

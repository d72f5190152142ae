package dev.soak.checkpoint;

import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Child process for {@link SigkillTest}: writes a run directory as fast as it can (resources,
 * large metrics lines, events, hlog intervals, checkpoints with fsync) until it is killed. Record
 * {@code i} has {@code t_sec = i}, so the parent can check that what it reads is a gap-free prefix.
 *
 * <p>Arguments: {@code DIR create|resume FIRST_INDEX}. Prints {@code ready} once records flow.
 * Stops by itself after 20,000 records so that a failed kill cannot fill the disk.
 */
public final class KilledWriterMain {
    /** Operations per metrics line: makes each line ~20 kB, so a kill can land inside one write. */
    static final int OPERATIONS = 40;

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int first = Integer.parseInt(args[2]);
        RunDirectory run = args[1].equals("create")
            ? RunDirectory.create(dir, Fixtures.info(), "name = \"sigkill\"\n".getBytes())
            : RunDirectory.resume(dir, Clock.systemUTC());
        for (int i = first; i < first + 20_000; i++) {
            write(run, i);
            if (i == first + 5) {
                System.out.println("ready");
                System.out.flush();
            }
        }
        run.close();
    }

    static void write(RunDirectory run, int i) {
        run.resources().append(Fixtures.resource(i));
        run.metrics().append(bigMetrics(i));
        if (i % 10 == 0) {
            run.events().append(Fixtures.event(i, "warning"));
        }
        Histogram h = new Histogram(3);
        h.recordValueWithCount(1000L + i, 10);
        run.latencyLog().appendInterval(i - 1, i, Map.of("store", h), h);
        if (i % 25 == 0) {
            run.checkpoints().write(i, Fixtures.metrics(i), Fixtures.resource(i), HeapProfile.none(),
                Map.of("i", i));
            run.sync();
        }
    }

    static IntervalMetrics bigMetrics(int i) {
        Map<String, OperationMetrics> per = new LinkedHashMap<>();
        for (int k = 0; k < OPERATIONS; k++) {
            per.put("operation_" + k, Fixtures.op(100 + k, k % 3, 1.0 + k / 7.0));
        }
        return new IntervalMetrics(i, 1.0, Fixtures.op(1000, 1, 1.5), 0, 0, per);
    }
}

package dev.soak.soak;

import dev.soak.detect.DurationText;
import dev.soak.scenario.RunSize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Whether the run directory's file system has room for the rest of the run, at the rate the run has written so far:
 * a run of days at 1 s intervals writes hundreds of megabytes a day (each interval's per-operation line and
 * histograms), and a disk that fills stops it. Checked a minute into the load and at each checkpoint; the first time
 * the room is short (the report's kept too, {@link RunSize#REPORT}), one warning says how much is needed, how much
 * there is and when it runs out. Not thread-safe (the run loop's thread).
 */
final class DiskForecast {
    private final Path dir;
    private final LongSupplier usableBytes;
    private final long bytesAtStart;
    private boolean warned;

    /** Watches {@code dir}, whose file system has {@code usableBytes} free (negative: unknown). */
    DiskForecast(Path dir, LongSupplier usableBytes) {
        this.dir = dir;
        this.usableBytes = usableBytes;
        this.bytesAtStart = bytesIn(dir);
    }

    /** The usable space of {@code dir}'s file system, −1 when it cannot be asked. */
    static LongSupplier usableSpaceOf(Path dir) {
        return () -> {
            try {
                return Files.getFileStore(dir).getUsableSpace();
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        };
    }

    /**
     * After {@code loadSec} of load written by this process, with {@code remainingSec} of the run left: the warning,
     * the first time the rest of the run would need more than the file system has; empty otherwise.
     */
    Optional<String> check(double loadSec, double remainingSec) {
        if (warned) {
            return Optional.empty();
        }
        Optional<String> w = shortfall(dir, bytesIn(dir) - bytesAtStart, loadSec, remainingSec, usableBytes.getAsLong());
        warned = w.isPresent();
        return w;
    }

    /**
     * The warning when {@code written} bytes over {@code loadSec}, continued for {@code remainingSec}, need more than
     * {@code usable} bytes with the report's room kept ({@link RunSize#REPORT}); empty when they fit, or when anything
     * is unknown.
     */
    static Optional<String> shortfall(Path dir, long written, double loadSec, double remainingSec, long usable) {
        if (!(loadSec > 0) || !(remainingSec > 0) || written <= 0 || usable < 0) {
            return Optional.empty();
        }
        double perSec = written / loadSec;
        double needed = perSec * remainingSec + RunSize.REPORT;
        if (needed <= usable) {
            return Optional.empty();
        }
        String room = perSec * remainingSec > usable
            ? "enough for about " + DurationText.of(usable / perSec) + " more"
            : "enough for the records but not for the report at the end (plots and report.html, up to "
                + RunSize.text(RunSize.REPORT) + ")";
        return Optional.of(String.format(Locale.ROOT, "the disk of the run directory %s may fill before the run ends:"
                + " at the rate written so far (%s an hour) the remaining %s and the report need about %s, and its file"
                + " system has %s free, %s. Free space there before then: a full disk stops the run (everything"
                + " written is kept, and --resume %s goes on once there is room). A longer [soak] sample_interval_sec"
                + " writes less: each load interval is a line and its histograms", dir,
            RunSize.text((long) (perSec * 3600)), DurationText.of(remainingSec), RunSize.text((long) needed),
            RunSize.text(usable), room, dir));
    }

    /** The bytes of the regular files under {@code dir}; 0 when it cannot be read. */
    static long bytesIn(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // replaced or removed while walking (a checkpoint's temp file)
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }
}

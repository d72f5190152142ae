package dev.soak.checkpoint;

import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;

/** Sample records for the run-directory tests. */
final class Fixtures {
    static final OffsetDateTime START = OffsetDateTime.of(2026, 11, 28, 5, 0, 0, 0, ZoneOffset.ofHours(1));
    static final double NAN = Double.NaN;

    private Fixtures() {
    }

    static RunInfo info() {
        return RunInfo.newRun("smoke", START, 42L, OptionalLong.of(1234), Optional.of("java -jar server.jar"));
    }

    /** rss grows 1 MB per second; pss, swap, heap and limits not measured. */
    static ResourceSample resource(double tSec) {
        return new ResourceSample(tSec, 12.5, 100 + tSec, 2048.0, 17, 42, 3, 0.25, NAN, 80.0, NAN, NAN, 1024, NAN);
    }

    static LatencySummary latency(double base) {
        return new LatencySummary(base, base * 2, base * 3, base * 4, base * 5, base * 6);
    }

    static OperationMetrics op(long ops, long errors, double base) {
        Map<String, Long> byClass = errors == 0 ? Map.of() : Map.of("timeout", errors);
        return new OperationMetrics(ops, errors, byClass, ops / 10.0 + 0.5, ops / 10.0, latency(base),
            latency(base / 2));
    }

    static IntervalMetrics metrics(double tSec) {
        Map<String, OperationMetrics> per = new LinkedHashMap<>();
        per.put("store", op(60, 1, 2.0));
        per.put("recall", op(40, 0, 1.0));
        return new IntervalMetrics(tSec, 10.0, op(100, 1, 1.5), 3, 0, per);
    }

    static RunEvent event(double tSec, String type) {
        return new RunEvent(tSec, type, "info", "something " + type, Map.of());
    }

    /** An empty histogram of {@code digits} significant digits that grows to any value recorded. */
    static Histogram autoResizing(int digits) {
        Histogram h = new Histogram(digits);
        h.setAutoResize(true);
        return h;
    }

    /** {@code h} in HdrHistogram's compressed encoding, as a latency.hlog line holds it (base64 decoded). */
    static byte[] compressed(Histogram h) {
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(buf);
        return Arrays.copyOf(buf.array(), n);
    }
}

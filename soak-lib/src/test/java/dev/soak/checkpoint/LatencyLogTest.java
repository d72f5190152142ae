package dev.soak.checkpoint;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

class LatencyLogTest {
    @TempDir
    Path dir;

    private static final long START_MS = 1_795_000_000_123L;

    /** Interval {@code k}: store sees 100 values of (k+1) ms, recall 50 values of 250 µs (in ns). */
    private static void writeIntervals(LatencyLogWriter w, int from, int to) {
        for (int k = from; k < to; k++) {
            Histogram store = new Histogram(3);
            store.recordValueWithCount((k + 1) * 1_000_000L, 100);
            Histogram recall = new Histogram(3);
            recall.recordValueWithCount(250_000L, 50);
            Histogram total = new Histogram(3);
            total.add(store);
            total.add(recall);
            Map<String, Histogram> per = new LinkedHashMap<>();
            per.put("store", store);
            per.put("recall", recall);
            w.appendInterval(k * 10.0, (k + 1) * 10.0, per, total);
            assertThat(store.getTag()).isNull(); // caller's histograms are left as they were
        }
    }

    @Test
    void writer_header_andTaggedLines() throws Exception {
        Path f = dir.resolve("latency.hlog");
        try (var w = new LatencyLogWriter(f, START_MS, true)) {
            writeIntervals(w, 0, 1);
        }
        List<String> lines = Files.readAllLines(f);
        assertThat(lines.get(0)).startsWith("#[soak latency log: values in nanoseconds");
        assertThat(lines.get(1)).isEqualTo("#[Histogram log format version 1.3]");
        assertThat(lines.get(2)).startsWith("#[StartTime: 1795000000.123 (seconds since epoch), ");
        assertThat(lines.get(3)).isEqualTo("\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\","
            + "\"Interval_Compressed_Histogram\"");
        assertThat(lines.get(4)).startsWith("Tag=store,0.000,10.000,1.000,HIST");
        assertThat(lines.get(5)).startsWith("Tag=recall,0.000,10.000,0.250,HIST");
        assertThat(lines.get(6)).startsWith("0.000,10.000,1.000,HIST");
        assertThat(lines).hasSize(7);
    }

    @Test
    void roundTrip_ourReader_tagsCountsValues() {
        Path f = dir.resolve("latency.hlog");
        try (var w = new LatencyLogWriter(f, START_MS, true)) {
            writeIntervals(w, 0, 3);
        }
        LatencyLog log = LatencyLogReader.read(f);
        assertThat(log.startTimeEpochSec()).hasValueCloseTo(1_795_000_000.123, within(1e-6));
        assertThat(log.intervals().skippedLines()).isZero();
        assertThat(log.intervals().rows()).hasSize(9);
        assertThat(log.tags()).containsExactly("store", "recall");
        LatencyInterval second = log.intervals().rows().get(3);
        assertThat(second.tag()).contains("store");
        assertThat(second.histogram().getTag()).isEqualTo("store"); // as HdrHistogram's own reader tags it
        assertThat(second.startSec()).isEqualTo(10.0);
        assertThat(second.lengthSec()).isEqualTo(10.0);
        assertThat(second.histogram().getTotalCount()).isEqualTo(100);
        assertThat(second.histogram().getValueAtPercentile(99)).isCloseTo(2_000_000L, within(2_000L));
        Histogram allTotal = log.sum(Optional.empty(), 0, Double.MAX_VALUE);
        assertThat(allTotal.getTotalCount()).isEqualTo(450);
        assertThat(log.sum(Optional.of("recall"), 10, 30).getTotalCount()).isEqualTo(100);
    }

    @Test
    void hdrHistogramsOwnReader_readsOurLog() throws Exception {
        Path f = dir.resolve("latency.hlog");
        try (var w = new LatencyLogWriter(f, START_MS, true)) {
            writeIntervals(w, 0, 2);
        }
        List<String> tags = new ArrayList<>();
        long count = 0;
        try (HistogramLogReader r = new HistogramLogReader(f.toFile())) {
            EncodableHistogram h;
            while ((h = r.nextIntervalHistogram()) != null) {
                tags.add(h.getTag());
                count += ((Histogram) h).getTotalCount();
            }
            assertThat(r.getStartTimeSec()).isCloseTo(1_795_000_000.123, within(1e-6));
        }
        assertThat(tags).containsExactly("store", "recall", null, "store", "recall", null);
        assertThat(count).isEqualTo(2 * 300);
    }

    @Test
    void read_tornAndCorruptLines_skippedCounted_restStillRead() throws Exception {
        Path f = dir.resolve("latency.hlog");
        try (var w = new LatencyLogWriter(f, START_MS, true)) {
            writeIntervals(w, 0, 1);
        }
        Files.writeString(f, "Tag=store,10.000,10.000,2.000,HISTFAAAAJx4nJNpmS\n", StandardOpenOption.APPEND);
        try (var w = new LatencyLogWriter(f, START_MS, false)) {
            writeIntervals(w, 2, 3);
        }
        String good = Files.readAllLines(f).get(4);
        Files.writeString(f, good.substring(0, good.length() / 2), StandardOpenOption.APPEND);
        LatencyLog log = LatencyLogReader.read(f);
        assertThat(log.intervals().rows()).hasSize(6);
        assertThat(log.intervals().rows()).extracting(LatencyInterval::startSec)
            .containsExactly(0.0, 0.0, 0.0, 20.0, 20.0, 20.0);
        assertThat(log.intervals().skippedLines()).isEqualTo(2);
        assertThat(log.intervals().warnings().get(0)).startsWith("latency.hlog line 8: histogram payload cannot be");
        assertThat(log.intervals().warnings().get(1)).contains("incomplete last line");
    }

    @Test
    void scan_handsOverWhatReadReads_oneAtATime_andTheLengthsReadWithoutDecoding() throws Exception {
        Path f = dir.resolve("latency.hlog");
        try (var w = new LatencyLogWriter(f, START_MS, true)) {
            writeIntervals(w, 0, 3);
        }
        Files.writeString(f, "Tag=store,30.000,10.000,2.000,HISTFAAAAJx4nJNpmS\n", StandardOpenOption.APPEND);
        LatencyLog read = LatencyLogReader.read(f);
        List<LatencyInterval> handed = new ArrayList<>();
        LatencyLog scanned = LatencyLogReader.scan(f, handed::add);
        assertThat(scanned.intervals().rows()).isEmpty();
        assertThat(scanned.intervals().skippedLines()).isEqualTo(read.intervals().skippedLines()).isEqualTo(1);
        assertThat(scanned.startTimeEpochSec()).isEqualTo(read.startTimeEpochSec());
        assertThat(handed).extracting(LatencyInterval::tag, LatencyInterval::startSec, i -> i.histogram().getTotalCount())
            .containsExactlyElementsOf(read.intervals().rows().stream()
                .map(i -> tuple(i.tag(), i.startSec(), i.histogram().getTotalCount())).toList());
        // the torn line's length field reads (its histogram would not decode)
        assertThat(LatencyLogReader.intervalLengths(f)).containsExactly(10, 10, 10, 10, 10, 10, 10, 10, 10, 10);
    }

    @Test
    void scanCounts_onWorkerThreads_handsOverWhatScanEncodedDoes_inOrder() throws Exception {
        Path f = dir.resolve("latency.hlog");
        try (var w = new LatencyLogWriter(f, START_MS, true)) {
            writeIntervals(w, 0, 200); // 600 lines: several batches on the workers
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        lines.add(300, "Tag=store,999.000,10.000,2.000,HISTFAAAAJx4nJNpmS"); // a payload that does not inflate
        lines.add(100, "Tag=store,not-a-number,10.000,2.000,HISTFAAAAJx4nJNpmS"); // a field that does not parse
        Files.writeString(f, String.join("\n", lines) + "\nTag=store,2000.000,10.0"); // and a torn last line
        List<String> encoded = new ArrayList<>();
        LatencyLog one = LatencyLogReader.scanEncoded(f, e -> {
            HistogramCodec.addTo(e.compressed(), new Histogram(3)); // throws for the one that does not inflate
            encoded.add(e.tag() + "@" + e.startSec() + ":" + java.util.Arrays.toString(e.compressed()));
        });
        List<String> counted = new ArrayList<>();
        Histogram sum = new Histogram(3);
        Thread caller = Thread.currentThread();
        LatencyLog ahead = LatencyLogReader.scanCounts(f, 3, 1, (e, counts) -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            counts.addTo(sum);
            counted.add(e.tag() + "@" + e.startSec() + ":" + java.util.Arrays.toString(e.compressed()));
        });
        assertThat(counted).hasSize(600).isEqualTo(encoded);
        assertThat(ahead.intervals().skippedLines()).isEqualTo(one.intervals().skippedLines()).isEqualTo(3);
        assertThat(ahead.intervals().warnings()).isEqualTo(one.intervals().warnings());
        assertThat(ahead.startTimeEpochSec()).isEqualTo(one.startTimeEpochSec());
        assertThat(sum.getTotalCount()).isEqualTo(2 * 200 * 150);
    }

    @Test
    void lengthSec_fromTheBytes_readsWhatTheTextReads() {
        List<String> lines = List.of("Tag=store,0.000,10.000,1.000,HISTFAAAAJx4nJNpmS", "0.000,10.000,1.000,HIST",
            "  \t1,2.5,3,4 \r", "1,2,3,4,,", "1,2,3,4,,,x", "1,2,,", "1,2,3,", ",,,", ",", "", "   ", "1,2,3", "1,2,3,4,5",
            "1 , 2 ,3,4", "1,NaN,3,4", "1,2e3,3,4", "x,2,3,4", "1,,3,4", "Tag=nocomma", "Tag=,1,7,3,4", "Tag=a,1,7,3",
            "#[StartTime: 1795000000.123 (seconds since epoch)]", "\"StartTimestamp\",\"Interval_Length\",x,y",
            "Tag=é,1,8,3,4", "1,9,3,4\u2003", "\u20031,9,3,4", "1;2;3;4", "Tag=a,b,c,d,e,f");
        for (String line : lines) {
            byte[] b = ("xx" + line + "yy").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(LatencyLogReader.lengthSec(b, 2, b.length - 4)).as(line).isEqualTo(LatencyLogReader.lengthSec(line));
        }
        assertThat(LatencyLogReader.lengthSec("Tag=é,1,8,3,4")).hasValue(8);
        assertThat(LatencyLogReader.lengthSec("1,2,3,4,,")).hasValue(2);
        assertThat(LatencyLogReader.lengthSec("1,2,,")).isEmpty();
        assertThat(LatencyLogReader.lengthSec("1,NaN,3,4")).hasValue(Double.NaN);
    }

    @Test
    void appendInterval_fromIntervalMetrics_timesAndSummedTotal() {
        Path f = dir.resolve("latency.hlog");
        Histogram store = new Histogram(3);
        store.recordValueWithCount(2_000_000L, 30);
        Histogram recall = new Histogram(3);
        recall.recordValueWithCount(500_000L, 20);
        Map<String, Histogram> per = new LinkedHashMap<>();
        per.put("store", store);
        per.put("recall", recall);
        try (var w = new LatencyLogWriter(f, START_MS, true)) {
            w.appendInterval(Fixtures.metrics(30), per); // t_sec 30, interval 10
        }
        List<LatencyInterval> rows = LatencyLogReader.read(f).intervals().rows();
        assertThat(rows).extracting(LatencyInterval::startSec).containsExactly(20.0, 20.0, 20.0);
        assertThat(rows.get(2).isTotal()).isTrue();
        assertThat(rows.get(2).histogram().getTotalCount()).isEqualTo(50);
        assertThat(rows.get(2).histogram().getMaxValue()).isCloseTo(2_000_000L, within(2_000L));
    }

    @Test
    void appendInterval_correctedAndUncorrected_taggedApart() {
        Path f = dir.resolve("latency.hlog");
        Histogram slow = new Histogram(3);
        slow.recordValueWithCount(9_000_000L, 10);
        Histogram fast = new Histogram(3);
        fast.recordValueWithCount(1_000_000L, 10);
        try (var w = new LatencyLogWriter(f, START_MS, true)) {
            w.appendInterval(Fixtures.metrics(10), Map.of("store", slow), Map.of("store", fast));
        }
        LatencyLog log = LatencyLogReader.read(f);
        assertThat(log.tags()).containsExactly("store", "uncorrected.store", "uncorrected");
        assertThat(log.operations()).containsExactly("store");
        assertThat(log.sum(Optional.empty(), 0, 100).getMaxValue()).isCloseTo(9_000_000L, within(10_000L));
        assertThat(log.sum(Optional.of("uncorrected"), 0, 100).getMaxValue()).isCloseTo(1_000_000L, within(1_000L));
    }

    @Test
    void tag_withCommaOrSpace_madeLegal() {
        assertThat(LatencyLogWriter.tagFor("GET /items, page")).isEqualTo("GET_/items__page");
        Path f = dir.resolve("latency.hlog");
        try (var w = new LatencyLogWriter(f, START_MS, true)) {
            Histogram h = new Histogram(3);
            h.recordValue(5);
            w.append(0, 1, "GET /items", h);
        }
        assertThat(LatencyLogReader.read(f).tags()).containsExactly("GET_/items");
    }
}

package dev.soak.detect.sim;

import dev.soak.checkpoint.IntervalMetrics;
import dev.soak.checkpoint.LatencySummary;
import dev.soak.checkpoint.OperationMetrics;
import dev.soak.checkpoint.ResourceSample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One generated run: aligned arrays, one entry per sample, and views as the run directory's
 * records. Arrays are owned by this object and must not be modified; effectively immutable.
 *
 * @param spec    the recipe
 * @param tSec    sample times (end of each interval)
 * @param rssMb   resident memory
 * @param heapMb  JVM heap with its GC sawtooth (NaN when the spec has none)
 * @param p50Ms   median latency per interval
 * @param p95Ms   p95 latency per interval
 * @param p99Ms   p99 latency per interval
 * @param load    achieved ops/s per interval
 * @param stepAtSec when the spec's level step happens (its sizes apply to the samples from this time on)
 */
public record SimRun(SimSpec spec, double[] tSec, double[] rssMb, double[] heapMb, double[] p50Ms, double[] p95Ms,
                     double[] p99Ms, double[] load, double stepAtSec) {

    /** Number of samples. */
    public int size() {
        return tSec.length;
    }

    /** The first {@code n} samples as resource records (for a live look at sample {@code n}). */
    public List<ResourceSample> resources(int n) {
        List<ResourceSample> out = new ArrayList<>(n);
        double nan = Double.NaN;
        for (int i = 0; i < n; i++) {
            out.add(new ResourceSample(tSec[i], 50, rssMb[i], rssMb[i] * 2, 40, 120, 20, nan, nan, nan, nan,
                    heapMb[i], 1024, nan));
        }
        return out;
    }

    /** The first {@code n} intervals as metrics records. */
    public List<IntervalMetrics> metrics(int n) {
        List<IntervalMetrics> out = new ArrayList<>(n);
        double dt = spec.sampleSec();
        for (int i = 0; i < n; i++) {
            long ops = Math.round(load[i] * dt);
            LatencySummary lat = new LatencySummary(p50Ms[i], (p50Ms[i] + p95Ms[i]) / 2, p95Ms[i], p99Ms[i],
                    p99Ms[i] * 1.5, p99Ms[i] * 2);
            OperationMetrics all = new OperationMetrics(ops, 0, Map.of(), load[i], load[i], lat, lat);
            out.add(new IntervalMetrics(tSec[i], dt, all, 0, 0, Map.of()));
        }
        return out;
    }
}

package dev.soak.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Change points by binary segmentation with a penalised least-squares cost, reporting when each
 * change happens and how big it is.
 *
 * <p>The series is cut into segments, each fitted by a constant ({@link Model#LEVEL}) or a line
 * ({@link Model#LINE}); the cost of a segment is its residual sum of squares. Binary segmentation
 * (Scott, A. J. &amp; Knott, M. (1974), Biometrics 30:507–512; Vostrikova, L. Ju. (1981), Soviet
 * Math. Dokl. 24:55–59) repeatedly splits the segment whose best split lowers the cost most, as
 * long as the drop exceeds the penalty β·σ²: with the default β = 2·ln n (LEVEL) or 3·ln n (LINE),
 * a BIC-type penalty counting the new segment's parameters and the location (Killick, Fearnhead
 * &amp; Eckley (2012), JASA 107:1590–1598, §1 on penalties). σ² is the long-run variance of the
 * noise, not its marginal variance: under autocorrelation the drop of a split scales with the
 * long-run variance, and using the marginal one produces many spurious changes. By default it is
 * estimated robustly and refined on the segments found (see {@link #detect(double[], double[], Model)}).
 *
 * <p>Use LINE to separate a one-off level step from a trend: a pure trend is one segment, a step
 * on top of a trend is two segments with similar slopes and a jump. Each {@link Change} reports
 * the fitted levels of the two neighbouring final segments just before and after the change and
 * their slopes.
 *
 * <p>Complexity O(n·(k + 1)) for k changes (prefix sums make a segment's cost O(1)).
 * Degenerate input: fewer than 2·minSegment points gives no change. Non-finite entries, unequal
 * lengths or x not increasing throw {@link IllegalArgumentException}.
 *
 * <p>Stateless; safe from any thread.
 */
public final class ChangePoints {

    /** What is fitted within each segment. Immutable. */
    public enum Model {
        /** A constant: changes in mean. */
        LEVEL,
        /** A line: changes in level and/or slope. */
        LINE
    }

    /**
     * One change. Immutable.
     *
     * @param index       first index of the new segment
     * @param x           x[index]
     * @param levelBefore fitted value of the previous segment at the boundary (midway between x[index−1] and x[index])
     * @param levelAfter  fitted value of the next segment at the boundary
     * @param slopeBefore slope of the previous segment (0 for LEVEL)
     * @param slopeAfter  slope of the next segment (0 for LEVEL)
     * @param costDrop    drop of the residual sum of squares when the split was made
     */
    public record Change(int index, double x, double levelBefore, double levelAfter, double slopeBefore,
                         double slopeAfter, double costDrop) {
        /** levelAfter − levelBefore: the size of the jump. */
        public double size() {
            return levelAfter - levelBefore;
        }
    }

    /**
     * Detected changes. Immutable (the list is an unmodifiable copy).
     *
     * @param changes       the changes in increasing index order
     * @param noiseVariance σ² used to scale the penalty
     * @param penalty       β, in units of σ²
     */
    public record Result(List<Change> changes, double noiseVariance, double penalty) {
        /** Compact constructor: makes the list unmodifiable. */
        public Result {
            changes = List.copyOf(changes);
        }
    }

    private ChangePoints() {
    }

    /**
     * Detects changes with the default penalty, a minimum segment of max(5, n/100) points, no cap
     * on their number, and σ² estimated from the data: first {@link Autocorrelation#longRunVarianceRobust},
     * then, up to four times until the changes stop moving, the AR(1) long-run variance
     * γ̂₀(1 + φ̂)/(1 − φ̂) of the residuals pooled within the segments found (so a step does not
     * inflate the noise estimate, and autocorrelated noise does not produce spurious changes).
     */
    public static Result detect(double[] x, double[] y, Model model) {
        Checks.pair(x, y);
        int n = y.length;
        double pen = (model == Model.LEVEL ? 2 : 3) * Math.log(Math.max(n, 2));
        int minSegment = Math.max(5, n / 100);
        double var = Autocorrelation.longRunVarianceRobust(y);
        Result r = detect(x, y, model, var, pen, minSegment, Integer.MAX_VALUE);
        if (n < 2 * minSegment) {
            return r;
        }
        for (int round = 0; round < 4; round++) {
            double next = pooledResidualLongRunVariance(x, y, model, r.changes());
            if (!(next > 0)) {
                break;
            }
            Result again = detect(x, y, model, next, pen, minSegment, Integer.MAX_VALUE);
            boolean same = indices(again).equals(indices(r));
            r = again;
            if (same) {
                break;
            }
        }
        return r;
    }

    private static List<Integer> indices(Result r) {
        List<Integer> out = new ArrayList<>();
        for (Change c : r.changes()) {
            out.add(c.index());
        }
        return out;
    }

    /** γ̂₀(1 + φ̂)/(1 − φ̂) of the residuals within the segments delimited by the changes. */
    static double pooledResidualLongRunVariance(double[] x, double[] y, Model model, List<Change> changes) {
        int n = y.length;
        SegmentCost cost = new SegmentCost(x, y, model);
        double ss = 0;
        double lag1 = 0;
        int start = 0;
        for (int c = 0; c <= changes.size(); c++) {
            int end = c < changes.size() ? changes.get(c).index() : n;
            double[] f = cost.fit(start, end);
            double prev = Double.NaN;
            for (int t = start; t < end; t++) {
                double e = y[t] - (f[0] + f[1] * x[t]);
                ss += e * e;
                if (!Double.isNaN(prev)) {
                    lag1 += e * prev;
                }
                prev = e;
            }
            start = end;
        }
        if (!(ss > 0)) {
            return Double.NaN;
        }
        double phi = Math.max(-0.99, Math.min(0.99, lag1 / ss));
        return ss / n * (1 + phi) / (1 - phi);
    }

    /**
     * Detects changes.
     *
     * @param noiseVariance σ² (&gt; 0) scaling the penalty
     * @param penalty       β (≥ 0): a split is kept when it lowers the cost by more than β·σ²
     * @param minSegment    minimum points per segment (≥ 2 for LEVEL, ≥ 3 for LINE)
     * @param maxChanges    maximum number of changes (≥ 0)
     */
    public static Result detect(double[] x, double[] y, Model model, double noiseVariance, double penalty,
                                int minSegment, int maxChanges) {
        Checks.pair(x, y);
        for (int i = 1; i < x.length; i++) {
            if (!(x[i] > x[i - 1])) {
                throw new IllegalArgumentException("x[" + i + "] = " + x[i] + " is not greater than x["
                        + (i - 1) + "] = " + x[i - 1] + "; pass x strictly increasing");
            }
        }
        int minSeg = model == Model.LINE ? 3 : 2;
        if (minSegment < minSeg) {
            throw new IllegalArgumentException("minSegment = " + minSegment + " must be >= " + minSeg + " for " + model);
        }
        if (!(penalty >= 0) || Double.isInfinite(penalty)) {
            throw new IllegalArgumentException("penalty = " + penalty + " must be finite and >= 0");
        }
        if (maxChanges < 0) {
            throw new IllegalArgumentException("maxChanges = " + maxChanges + " must be >= 0");
        }
        int n = y.length;
        if (!(noiseVariance > 0) || n < 2 * minSegment) {
            return new Result(List.of(), noiseVariance, penalty);
        }
        SegmentCost cost = new SegmentCost(x, y, model);
        double threshold = penalty * noiseVariance;
        PriorityQueue<double[]> queue = new PriorityQueue<>((a, b) -> Double.compare(b[0], a[0]));
        offer(queue, cost, 0, n, minSegment);
        List<int[]> accepted = new ArrayList<>();
        List<Double> drops = new ArrayList<>();
        while (!queue.isEmpty() && accepted.size() < maxChanges) {
            double[] best = queue.poll();
            if (!(best[0] > threshold)) {
                break;
            }
            int s = (int) best[1];
            int k = (int) best[2];
            int e = (int) best[3];
            accepted.add(new int[] {k});
            drops.add(best[0]);
            offer(queue, cost, s, k, minSegment);
            offer(queue, cost, k, e, minSegment);
        }
        int[] cuts = new int[accepted.size()];
        double[] cutDrops = new double[cuts.length];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = accepted.get(i)[0];
        }
        Integer[] order = new Integer[cuts.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(cuts[a], cuts[b]));
        int[] sorted = new int[cuts.length];
        for (int i = 0; i < order.length; i++) {
            sorted[i] = cuts[order[i]];
            cutDrops[i] = drops.get(order[i]);
        }
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < sorted.length; i++) {
            int s = i == 0 ? 0 : sorted[i - 1];
            int k = sorted[i];
            int e = i + 1 < sorted.length ? sorted[i + 1] : n;
            double xb = (x[k - 1] + x[k]) / 2;
            double[] left = cost.fit(s, k);
            double[] right = cost.fit(k, e);
            changes.add(new Change(k, x[k], left[0] + left[1] * xb, right[0] + right[1] * xb,
                    left[1], right[1], cutDrops[i]));
        }
        return new Result(changes, noiseVariance, penalty);
    }

    private static void offer(PriorityQueue<double[]> queue, SegmentCost cost, int s, int e, int minSegment) {
        if (e - s < 2 * minSegment) {
            return;
        }
        double whole = cost.cost(s, e);
        double bestDrop = Double.NEGATIVE_INFINITY;
        int bestK = -1;
        for (int k = s + minSegment; k <= e - minSegment; k++) {
            double drop = whole - cost.cost(s, k) - cost.cost(k, e);
            if (drop > bestDrop) {
                bestDrop = drop;
                bestK = k;
            }
        }
        if (bestK > 0) {
            queue.add(new double[] {bestDrop, s, bestK, e});
        }
    }
}

package dev.soak.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Order statistics of the pairwise slopes of a point set by randomized slope selection (see
 * {@link TheilSen} for the method and its references).
 *
 * <p>Points are sorted by (x ascending, y descending); i &lt; j below refers to that order. For a
 * bound t, u<sub>i</sub>(t) = y<sub>i</sub> − t·x<sub>i</sub>, and a pair with x<sub>i</sub> &lt;
 * x<sub>j</sub> has slope ≤ t iff u<sub>j</sub> ≤ u<sub>i</sub> (slope &lt; t iff u<sub>j</sub> &lt;
 * u<sub>i</sub>). So the number of slopes below a bound is an inversion count, and the slopes
 * between two bounds are the pairs whose order flips between the two sorted orders of u. Pairs with
 * equal x are inverted in every order and subtracted. The search keeps bounds lo &lt; hi with
 * count(lo) ≤ k<sub>from</sub> and count(hi) &gt; k<sub>to</sub>, samples n slopes uniformly
 * between them (a Fenwick tree picks a random flip), moves the bounds to sample quantiles around
 * the target, and lists the remaining O(n) slopes once few are left.
 *
 * <p>Not thread-safe (scratch arrays); each call of {@link TheilSen} makes its own instance.
 */
final class SlopeSelection {
    /** Up to this many slopes, brute force is used. */
    static final long BRUTE_FORCE_MAX_SLOPES = 200_000;

    private final double[] px;
    private final double[] py;
    private final int n;
    private final long count;
    private final long groupPairs;
    /** Position of each index in the order (x asc, index desc). */
    private final int[] groupReversed;
    private final double[] scratchA;
    private final double[] scratchB;
    private final long seed;

    private SlopeSelection(double[] px, double[] py, long groupPairs, long seed) {
        this.px = px;
        this.py = py;
        this.n = px.length;
        this.groupPairs = groupPairs;
        this.count = (long) n * (n - 1) / 2 - groupPairs;
        this.seed = seed;
        this.scratchA = new double[n];
        this.scratchB = new double[n];
        this.groupReversed = new int[n];
        int i = 0;
        while (i < n) {
            int j = i + 1;
            while (j < n && px[j] == px[i]) {
                j++;
            }
            for (int k = i; k < j; k++) {
                groupReversed[i + (j - 1 - k)] = k;
            }
            i = j;
        }
    }

    static SlopeSelection of(double[] x, double[] y) {
        int n = x.length;
        int[] idx = Inversions.lexOrder(x, y, true);
        double[] px = new double[n];
        double[] py = new double[n];
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < n; i++) {
            px[i] = x[idx[i]];
            py[i] = y[idx[i]];
            h = (h ^ Double.doubleToLongBits(px[i])) * 0xBF58476D1CE4E5B9L;
            h = (h ^ Double.doubleToLongBits(py[i])) * 0x94D049BB133111EBL;
        }
        long gp = 0;
        int i = 0;
        while (i < n) {
            int j = i + 1;
            while (j < n && px[j] == px[i]) {
                j++;
            }
            gp += (long) (j - i) * (j - i - 1) / 2;
            i = j;
        }
        return new SlopeSelection(px, py, gp, h);
    }

    long count() {
        return count;
    }

    double median() {
        if (count == 0) {
            return Double.NaN;
        }
        long lo = (count - 1) / 2;
        long hi = count / 2;
        double[] s = select(lo, hi);
        return lo == hi ? s[0] : (s[0] + s[s.length - 1]) / 2;
    }

    /** Slopes of 0-based ranks from..to inclusive (to − from small), sorted ascending. */
    double[] select(long from, long to) {
        if (from < 0 || to >= count || from > to) {
            throw new IllegalArgumentException("ranks " + from + " … " + to + " outside 0 … " + (count - 1));
        }
        if (count <= BRUTE_FORCE_MAX_SLOPES) {
            return bruteForce(px, py, from, to);
        }
        return fast(from, to);
    }

    // ---------------------------------------------------------------- fast path

    /**
     * A bound: slopes ≤ t (strict = false) or &lt; t (strict = true) lie below it; {@code order}
     * is the bound's sorted order of u when already known (else null).
     */
    private record Bound(double t, boolean strict, long below, int[] order) {
    }

    /** Work counters for the complexity check in the tests: slopes evaluated, O(n log n) passes. */
    long slopesEvaluated;
    long sortPasses;

    /** Sorted sample of all slopes, shared by the selections of one instance (median, bounds). */
    private double[] firstSample;

    double[] fast(long from, long to) {
        SplittableRandom rnd = new SplittableRandom(seed ^ from * 31 ^ to);
        Bound lo = new Bound(Double.NEGATIVE_INFINITY, false, 0, null);
        Bound hi = new Bound(Double.POSITIVE_INFINITY, false, count, null);
        long limit = Math.max(Math.max(2L * n, 100_000L), 4 * (to - from + 1));
        int stalls = 0;
        for (int iter = 0; iter < 64 && hi.below - lo.below > limit; iter++) {
            long k = hi.below - lo.below;
            double[] sample;
            if (iter == 0) {
                if (firstSample == null) {
                    firstSample = sampleAll(new SplittableRandom(seed), n);
                    Arrays.sort(firstSample);
                }
                sample = firstSample;
            } else {
                sample = sampleBetween(lo, hi, rnd, (int) Math.min(n, LATER_SAMPLES));
                Arrays.sort(sample);
            }
            int m = sample.length;
            if (m == 0) {
                break;
            }
            double delta = 2.5 * Math.sqrt(m);
            long iLo = (long) Math.floor((double) (from - lo.below) / k * m - delta);
            long iHi = (long) Math.ceil((double) (to - lo.below + 1) / k * m + delta);
            Bound newLo = lo;
            Bound newHi = hi;
            if (iLo >= 0 && iLo < m) {
                double v = sample[(int) iLo];
                Counted c = countAndOrder(v);
                if (c.le <= from && c.le > lo.below) {
                    newLo = new Bound(v, false, c.le, c.order);
                } else if (c.lt <= from && c.lt > lo.below) {
                    newLo = new Bound(v, true, c.lt, null);
                }
            }
            if (iHi >= 0 && iHi < m) {
                double v = sample[(int) iHi];
                Counted c = countAndOrder(v);
                if (c.lt > to && c.lt < hi.below) {
                    newHi = new Bound(v, true, c.lt, null);
                } else if (c.le > to && c.le < hi.below) {
                    newHi = new Bound(v, false, c.le, c.order);
                }
            }
            long newK = newHi.below - newLo.below;
            lo = newLo;
            hi = newHi;
            if (newK > k / 2) {
                stalls++;
                int a = (int) Math.max(0, Math.min(m - 1, iLo));
                int b = (int) Math.max(0, Math.min(m - 1, iHi));
                if (sample[a] == sample[b] || stalls >= 3) {
                    // a block of equal slopes (quantised data): every requested rank has this value
                    double v = sample[(a + b) >>> 1];
                    double[] r = new double[(int) (to - from + 1)];
                    Arrays.fill(r, v);
                    return r;
                }
            }
        }
        double[] between = listBetween(lo, hi);
        int last = between.length - 1;
        int a = (int) Math.max(0, Math.min(last, from - lo.below));
        int b = (int) Math.max(0, Math.min(last, to - lo.below));
        QuickSelect.range(between, a, b);
        double[] r = new double[(int) (to - from + 1)];
        for (int q = 0; q < r.length; q++) {
            long pos = from + q - lo.below;
            r[q] = between[(int) Math.max(0, Math.min(last, pos))];
        }
        return r;
    }

    /** Samples drawn in the later rounds of narrowing. */
    private static final int LATER_SAMPLES = 1 << 16;

    /** m slopes of uniformly random pairs with distinct x. */
    private double[] sampleAll(SplittableRandom rnd, int m) {
        double[] s = new double[m];
        int got = 0;
        int tries = 0;
        while (got < m && tries < 50 * m) {
            tries++;
            int i = rnd.nextInt(n);
            int j = rnd.nextInt(n);
            if (px[i] == px[j]) {
                continue;
            }
            s[got++] = slopeOf(i, j);
        }
        slopesEvaluated += got;
        sortPasses++;
        return Arrays.copyOf(s, got);
    }

    /** Counts below t and the non-strict order at t. */
    private record Counted(long lt, long le, int[] order) {
    }

    /** {slopes &lt; t, slopes ≤ t}. */
    long[] countBelow(double t) {
        Counted c = countAndOrder(t);
        return new long[] {c.lt, c.le};
    }

    /**
     * One merge sort of u(t) in x order, taking the left element only when strictly smaller: it
     * sorts by (u asc, index desc) — the order of the non-strict bound t — and counts the pairs
     * i &lt; j with u<sub>j</sub> ≤ u<sub>i</sub> and with u<sub>j</sub> &lt; u<sub>i</sub>.
     */
    private Counted countAndOrder(double t) {
        double[] u = scratchA;
        for (int i = 0; i < n; i++) {
            u[i] = py[i] - t * px[i];
        }
        long groupEqual = 0;
        int i = 0;
        while (i < n) {
            int j = i + 1;
            while (j < n && px[j] == px[i]) {
                j++;
            }
            int a = i;
            while (a < j) {
                int b = a + 1;
                while (b < j && u[b] == u[a]) {
                    b++;
                }
                groupEqual += (long) (b - a) * (b - a - 1) / 2;
                a = b;
            }
            i = j;
        }
        int[] idx = new int[n];
        for (int k = 0; k < n; k++) {
            idx[k] = k;
        }
        long[] inv = Inversions.sortCounting(u, idx, scratchB);
        sortPasses++;
        return new Counted(inv[0] + groupEqual - groupPairs, inv[1] - groupPairs, idx);
    }

    /** Indices sorted by (u(t) asc, tie-break of the bound's kind). */
    private int[] order(Bound b) {
        if (b.order != null) {
            return b.order;
        }
        int[] idx = new int[n];
        double[] key = new double[n];
        if (b.strict) {
            System.arraycopy(groupReversed, 0, idx, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                idx[i] = n - 1 - i;
            }
        }
        double t = b.t;
        for (int i = 0; i < n; i++) {
            int e = idx[i];
            key[i] = t == Double.NEGATIVE_INFINITY ? px[e] : t == Double.POSITIVE_INFINITY ? -px[e] : py[e] - t * px[e];
        }
        Inversions.stableSortByKey(key, idx);
        sortPasses++;
        return idx;
    }

    /** Position sequence: for the lo order, the rank of each element in the hi order. */
    private int[][] flipSequence(Bound lo, Bound hi) {
        int[] loOrder = order(lo);
        int[] hiOrder = order(hi);
        int[] rankHi = new int[n];
        for (int r = 0; r < n; r++) {
            rankHi[hiOrder[r]] = r;
        }
        int[] s = new int[n];
        for (int p = 0; p < n; p++) {
            s[p] = rankHi[loOrder[p]];
        }
        return new int[][] {s, loOrder, hiOrder};
    }

    private double slopeOf(int a, int b) {
        int i = Math.min(a, b);
        int j = Math.max(a, b);
        return (py[j] - py[i]) / (px[j] - px[i]);
    }

    /** m slopes drawn uniformly among the flips between the two bounds' orders. */
    private double[] sampleBetween(Bound lo, Bound hi, SplittableRandom rnd, int m) {
        int[][] f = flipSequence(lo, hi);
        int[] s = f[0];
        int[] loOrder = f[1];
        int[] hiOrder = f[2];
        long[] greaterBefore = Inversions.greaterBefore(s);
        sortPasses++;
        long total = 0;
        for (long g : greaterBefore) {
            total += g;
        }
        if (total == 0) {
            return new double[0];
        }
        long[] r = new long[m];
        for (int q = 0; q < m; q++) {
            r[q] = rnd.nextLong(total);
        }
        Arrays.sort(r);
        Fenwick sweep = new Fenwick(n);
        double[] out = new double[m];
        long cum = 0;
        int q = 0;
        for (int b = 0; b < n && q < m; b++) {
            long next = cum + greaterBefore[b];
            while (q < m && r[q] < next) {
                long o = r[q] - cum;
                int v = sweep.kth(b - (int) o); // (b − o)-th smallest of the b values inserted
                out[q++] = slopeOf(hiOrder[v], loOrder[b]);
            }
            cum = next;
            sweep.add(s[b]);
        }
        slopesEvaluated += q;
        return out;
    }

    /** All slopes between the bounds (their flips), by merge-sort listing. */
    private double[] listBetween(Bound lo, Bound hi) {
        int[][] f = flipSequence(lo, hi);
        int[] s = f[0];
        int[] loOrder = f[1];
        int[] elem = loOrder.clone();
        int[] val = s.clone();
        int[] tv = new int[n];
        int[] te = new int[n];
        double[] out = new double[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(16, hi.below - lo.below + 16))];
        int m = 0;
        for (int width = 1; width < n; width *= 2) {
            for (int a0 = 0; a0 < n; a0 += 2 * width) {
                int mid = Math.min(a0 + width, n);
                int end = Math.min(a0 + 2 * width, n);
                int l = a0;
                int r = mid;
                int k = a0;
                while (l < mid && r < end) {
                    if (val[r] < val[l]) {
                        for (int q = l; q < mid; q++) {
                            if (m == out.length) {
                                out = Arrays.copyOf(out, out.length * 2);
                            }
                            out[m++] = slopeOf(elem[q], elem[r]);
                        }
                        tv[k] = val[r];
                        te[k++] = elem[r++];
                    } else {
                        tv[k] = val[l];
                        te[k++] = elem[l++];
                    }
                }
                while (l < mid) {
                    tv[k] = val[l];
                    te[k++] = elem[l++];
                }
                while (r < end) {
                    tv[k] = val[r];
                    te[k++] = elem[r++];
                }
            }
            int[] t1 = val;
            val = tv;
            tv = t1;
            int[] t2 = elem;
            elem = te;
            te = t2;
        }
        slopesEvaluated += m;
        sortPasses++;
        return Arrays.copyOf(out, m);
    }

    // ---------------------------------------------------------------- brute force

    static double[] bruteForce(double[] x, double[] y, long from, long to) {
        int n = x.length;
        long total = (long) n * (n - 1) / 2;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("too many points for brute force: " + n);
        }
        double[] s = new double[(int) total];
        int m = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = x[j] - x[i];
                if (dx > 0) {
                    s[m++] = (y[j] - y[i]) / dx;
                } else if (dx < 0) {
                    s[m++] = (y[i] - y[j]) / -dx;
                }
            }
        }
        Arrays.sort(s, 0, m);
        return Arrays.copyOfRange(s, (int) from, (int) to + 1);
    }

    /** Fenwick tree over 0 … n−1 holding counts. */
    private static final class Fenwick {
        private final int[] tree;
        private final int size;
        private final int topBit;

        Fenwick(int size) {
            this.size = size;
            this.tree = new int[size + 1];
            this.topBit = Integer.highestOneBit(Math.max(1, size));
        }

        void add(int v) {
            for (int i = v + 1; i <= size; i += i & -i) {
                tree[i]++;
            }
        }

        /** Number of inserted values &lt; v. */
        long prefix(int v) {
            long s = 0;
            for (int i = v; i > 0; i -= i & -i) {
                s += tree[i];
            }
            return s;
        }

        /** The k-th smallest inserted value, k 1-based. */
        int kth(int k) {
            int pos = 0;
            for (int step = topBit; step > 0; step >>= 1) {
                int next = pos + step;
                if (next <= size && tree[next] < k) {
                    pos = next;
                    k -= tree[next];
                }
            }
            return pos; // 0-based value
        }
    }
}

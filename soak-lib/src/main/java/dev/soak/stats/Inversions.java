package dev.soak.stats;

/** Merge-sort inversion counting and a stable primitive sort, shared by the rank statistics. */
final class Inversions {
    /** Length of the runs sorted by insertion before merging. */
    static final int RUN = 16;

    private Inversions() {
    }

    /** Stable merge sort of (key, idx) pairs by key ascending. */
    static void stableSortByKey(double[] key, int[] idx) {
        int n = key.length;
        double[] ks = key;
        int[] is = idx;
        double[] kd = new double[n];
        int[] id = new int[n];
        boolean swapped = false;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int l = lo;
                int r = mid;
                int k = lo;
                while (l < mid && r < hi) {
                    if (ks[r] < ks[l]) {
                        kd[k] = ks[r];
                        id[k++] = is[r++];
                    } else {
                        kd[k] = ks[l];
                        id[k++] = is[l++];
                    }
                }
                while (l < mid) {
                    kd[k] = ks[l];
                    id[k++] = is[l++];
                }
                while (r < hi) {
                    kd[k] = ks[r];
                    id[k++] = is[r++];
                }
            }
            double[] tk = ks;
            ks = kd;
            kd = tk;
            int[] ti = is;
            is = id;
            id = ti;
            swapped = !swapped;
        }
        if (swapped) {
            System.arraycopy(ks, 0, key, 0, n);
            System.arraycopy(is, 0, idx, 0, n);
        }
    }

    /**
     * Merge sort of (a, idx) taking the left element only when strictly smaller, so equal keys
     * end up in decreasing original position; returns {strict, non-strict} inversion counts
     * (pairs i &lt; j with a[j] &lt; a[i], and with a[j] ≤ a[i]). Runs of {@value #RUN} are first
     * sorted by insertion, counting the same way. Sorts a and idx in place; tmp must have
     * a.length entries.
     */
    static long[] sortCounting(double[] a, int[] idx, double[] tmp) {
        int n = a.length;
        double[] src = a;
        double[] dst = tmp;
        int[] isrc = idx;
        int[] idst = new int[n];
        long lt = 0;
        long le = 0;
        for (int lo = 0; lo < n; lo += RUN) {
            int hi = Math.min(lo + RUN, n);
            for (int j = lo + 1; j < hi; j++) {
                double v = a[j];
                int iv = idx[j];
                int i = j - 1;
                while (i >= lo && a[i] >= v) {
                    if (a[i] > v) {
                        lt++;
                    }
                    le++;
                    a[i + 1] = a[i];
                    idx[i + 1] = idx[i];
                    i--;
                }
                a[i + 1] = v;
                idx[i + 1] = iv;
            }
        }
        for (int width = RUN; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                if (mid >= hi) {
                    System.arraycopy(src, lo, dst, lo, hi - lo);
                    System.arraycopy(isrc, lo, idst, lo, hi - lo);
                    continue;
                }
                int l = lo;
                int l2 = lo;
                int r = mid;
                int k = lo;
                while (l < mid && r < hi) {
                    if (src[l] < src[r]) {
                        idst[k] = isrc[l];
                        dst[k++] = src[l++];
                    } else {
                        double v = src[r];
                        if (l2 < l) {
                            l2 = l;
                        }
                        while (l2 < mid && src[l2] <= v) {
                            l2++;
                        }
                        le += mid - l;
                        lt += mid - l2;
                        idst[k] = isrc[r];
                        dst[k++] = src[r++];
                    }
                }
                while (l < mid) {
                    idst[k] = isrc[l];
                    dst[k++] = src[l++];
                }
                while (r < hi) {
                    idst[k] = isrc[r];
                    dst[k++] = src[r++];
                }
            }
            double[] t = src;
            src = dst;
            dst = t;
            int[] ti = isrc;
            isrc = idst;
            idst = ti;
        }
        if (isrc != idx) {
            System.arraycopy(isrc, 0, idx, 0, n);
            System.arraycopy(src, 0, a, 0, n);
        }
        return new long[] {lt, le};
    }

    /** For each position b of a permutation s, the number of earlier positions with a larger value. */
    static long[] greaterBefore(int[] s) {
        int n = s.length;
        long[] out = new long[n];
        int[] val = s.clone();
        int[] pos = new int[n];
        for (int i = 0; i < n; i++) {
            pos[i] = i;
        }
        int[] tv = new int[n];
        int[] tp = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int l = lo;
                int r = mid;
                int k = lo;
                while (l < mid && r < hi) {
                    if (val[r] < val[l]) {
                        out[pos[r]] += mid - l;
                        tv[k] = val[r];
                        tp[k++] = pos[r++];
                    } else {
                        tv[k] = val[l];
                        tp[k++] = pos[l++];
                    }
                }
                while (l < mid) {
                    tv[k] = val[l];
                    tp[k++] = pos[l++];
                }
                while (r < hi) {
                    tv[k] = val[r];
                    tp[k++] = pos[r++];
                }
            }
            int[] t1 = val;
            val = tv;
            tv = t1;
            int[] t2 = pos;
            pos = tp;
            tp = t2;
        }
        return out;
    }

    /**
     * Indices ordering the points by (x asc, then y asc, or y desc if yDescending): two stable
     * merge sorts, O(n log n) without boxing; O(n) when x is strictly increasing.
     */
    static int[] lexOrder(double[] x, double[] y, boolean yDescending) {
        int n = x.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        boolean increasing = true;
        for (int i = 1; i < n && increasing; i++) {
            increasing = x[i] > x[i - 1];
        }
        if (increasing) {
            return idx;
        }
        double[] k = new double[n];
        for (int i = 0; i < n; i++) {
            k[i] = yDescending ? -y[i] : y[i];
        }
        stableSortByKey(k, idx);
        for (int i = 0; i < n; i++) {
            k[i] = x[idx[i]];
        }
        stableSortByKey(k, idx);
        return idx;
    }
}

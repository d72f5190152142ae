package dev.soak.stats;

import java.util.Arrays;

/** Tie-group sums used by the rank statistics. */
final class Ties {
    private Ties() {
    }

    /** Sizes of the groups of equal values (groups of size 1 omitted). */
    static long[] groups(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        long[] out = new long[s.length];
        int m = 0;
        int i = 0;
        while (i < s.length) {
            int j = i + 1;
            while (j < s.length && s[j] == s[i]) {
                j++;
            }
            if (j - i > 1) {
                out[m++] = j - i;
            }
            i = j;
        }
        return Arrays.copyOf(out, m);
    }

    /** Σ t(t−1)(2t+5) over tie groups. */
    static double sumT1T2p5(double[] a) {
        double s = 0;
        for (long t : groups(a)) {
            s += (double) t * (t - 1) * (2 * t + 5);
        }
        return s;
    }

    /** Σ t(t−1)/2 over tie groups: the number of tied pairs. */
    static long tiedPairs(double[] a) {
        long s = 0;
        for (long t : groups(a)) {
            s += t * (t - 1) / 2;
        }
        return s;
    }
}

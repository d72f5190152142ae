package dev.soak.reference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tiny /proc readers for the fault tests (the real sampler lives in dev.soak.monitor). */
final class TestProc {
    private TestProc() {
    }

    static boolean available() {
        return Files.isDirectory(Path.of("/proc/self/fd"));
    }

    /** VmRSS of a process in MiB. */
    static double rssMb(long pid) throws IOException {
        return statusField(pid, "VmRSS") / 1024.0;
    }

    static long threads(long pid) throws IOException {
        return statusField(pid, "Threads");
    }

    static long openFds(long pid) throws IOException {
        try (var s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return s.count();
        }
    }

    private static long statusField(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IOException(key + " not in /proc/" + pid + "/status");
    }

    /** Theil–Sen slope: the median of all pairwise slopes (robust to a few slow outliers). */
    static double theilSenSlope(double[] x, double[] y, int n) {
        double[] slopes = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (x[j] != x[i]) {
                    slopes[k++] = (y[j] - y[i]) / (x[j] - x[i]);
                }
            }
        }
        double[] s = java.util.Arrays.copyOf(slopes, k);
        java.util.Arrays.sort(s);
        return k % 2 == 1 ? s[k / 2] : (s[k / 2 - 1] + s[k / 2]) / 2;
    }

    /** Ordinary least-squares slope of y on x. */
    static double olsSlope(double[] x, double[] y, int n) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }
}

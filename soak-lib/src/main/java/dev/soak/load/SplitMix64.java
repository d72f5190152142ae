package dev.soak.load;

/**
 * A small reseedable PRNG (SplitMix64: Steele, Lea and Flood, "Fast splittable pseudorandom
 * number generators", OOPSLA 2014), used so that the n-th operation of a run can be derived
 * from (seed, n) without allocating. Not thread-safe.
 */
final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    /** Restarts the stream at {@code seed}. */
    void reseed(long seed) {
        this.state = seed;
    }

    /** Restarts the stream for item {@code n} of the run seeded with {@code seed}. */
    void reseed(long seed, long n) {
        this.state = mix(seed ^ mix(n + 0x632BE59BD9B4E019L));
    }

    long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        return mix(z);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        return (int) ((nextLong() >>> 33) % bound);
    }

    /** Uniform in [lo, hi] (inclusive). */
    long nextLong(long lo, long hi) {
        long span = hi - lo + 1;
        if (span <= 0) { // the whole long range
            return nextLong();
        }
        return lo + Long.remainderUnsigned(nextLong(), span);
    }

    /** Exp(1). */
    double nextExponential() {
        return -Math.log(1.0 - nextDouble());
    }

    /** Standard normal (Box–Muller, one of the pair). */
    double nextGaussian() {
        double u1 = 1.0 - nextDouble();
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}

package dev.soak.detect.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The calibration grids. Every cell has 1 % spikes unless named "clean". Nuisances: slow warm-up
 * (+200 MB, p99 settling from +35 %, τ = 180 min; a rising-latency variant in the full grid), fast warm-up (100 MB, τ = 30 min), GC sawtooth (300 MB teeth
 * every 1.5–4.5 min on the heap series), level step (+60 MB and +100 % p99 at a random time), diurnal
 * load (±50 %, ±60 MB, ±20 % p99, random phase), white noise ("white20": a fifth of the noise variance
 * independent per sample), wander ("wander30": 30 % of it a slow AR(1) with a 2-hour correlation time, noise
 * that is not the AR(1) plus white noise the pipeline models), a memory step on a fast warm-up, a p99 read from
 * the requests of a service doing 20 ops/s ("20rps", {@link SimSpec#withRequestTail}), a cache on RSS ("cache-2h":
 * 40 MB teeth, cleared every 1.5–2.5 h, {@link SimSpec#withCache}) or on the heap over a collector's smaller teeth
 * ("cache-heap-2h-gc30", "-gc100"). Leak and drift cells run for {@link #T_STAR_MULTIPLE} × T* of the cell
 * (clamped to 2–{@link #MAX_HOURS} h) so the figure "power within 1.5× the information limit" is read
 * directly; other multiples and caps answer "how long does Soak need here" ({@code calibrate
 * --t-star-multiple}). Stateless.
 */
public final class Grids {
    private static final double THRESHOLD_MB = 10;
    /** Leak and drift cells run for this multiple of their information limit T* … */
    public static final double T_STAR_MULTIPLE = 1.5;
    /** … but at most this long (and at least {@link #MIN_HOURS}). */
    public static final double MAX_HOURS = 24;
    static final double MIN_HOURS = 2;

    private Grids() {
    }

    /** A small grid for {@code --quick}: every nuisance once, the key power cells. */
    public static List<Cell> quick() {
        return quick(T_STAR_MULTIPLE, MAX_HOURS);
    }

    /** As {@link #quick()}, with leak and drift cells at {@code multiple} × T* (at most {@code maxHours}). */
    public static List<Cell> quick(double multiple, double maxHours) {
        Lengths len = new Lengths(multiple, maxHours);
        List<Cell> cells = new ArrayList<>();
        SimSpec base = SimSpec.stable().withSpikes(0.01);
        // stable cells
        cells.add(stable("stable-phi0.5-s10", base.withNoise(10, 0.5), 8));
        cells.add(stable("stable-phi0.9-s10", base.withNoise(10, 0.9), 8));
        cells.add(stable("stable-phi0.97-s30", base.withNoise(30, 0.97), 8));
        cells.add(stable("slow-warmup-tau180", slowWarmup(base), 8));
        cells.add(stable("gc-sawtooth", sawtooth(base), 8));
        cells.add(stable("level-step", step(base), 8));
        cells.add(stable("diurnal-8h", diurnal(base), 8));
        cells.add(stable("diurnal-24h", diurnal(base), 24));
        // power cells at the multiple of T* asked for (1.5 by default)
        cells.add(len.leak("leak10-phi0.9-s10", base.withNoise(10, 0.9), 10));
        cells.add(len.leak("leak10-phi0.97-s30", base.withNoise(30, 0.97), 10));
        cells.add(len.leak("leak10-sawtooth", sawtooth(base), 10));
        cells.add(len.drift("drift2-phi0.5", base.withNoise(10, 0.5), 2));
        cells.add(len.drift("drift2-phi0.9", base.withNoise(10, 0.9), 2));
        // (thirty-seventh session, at the end so that the cells above keep their seeds)
        cells.add(stable("cache-2h-phi0.5-s3", cache(base.withNoise(3, 0.5)), 8));
        return cells;
    }

    /** The full grid: φ × σ for leaks {0, 2, 5, 10, 20} MB/h, drifts {0, 1, 2, 5} %/h, every nuisance. */
    public static List<Cell> full() {
        return full(T_STAR_MULTIPLE, MAX_HOURS);
    }

    /** As {@link #full()}, with leak and drift cells at {@code multiple} × T* (at most {@code maxHours}). */
    public static List<Cell> full(double multiple, double maxHours) {
        Lengths len = new Lengths(multiple, maxHours);
        List<Cell> cells = new ArrayList<>();
        SimSpec base = SimSpec.stable().withSpikes(0.01);
        for (double phi : new double[] {0.5, 0.9, 0.97}) {
            for (double sigma : new double[] {10, 20, 30}) {
                SimSpec s = base.withNoise(sigma, phi);
                String tag = String.format(Locale.ROOT, "phi%s-s%.0f", phi, sigma);
                cells.add(stable("stable-" + tag, s, 8));
                for (double leak : new double[] {2, 5, 10, 20}) {
                    cells.add(len.leak(String.format(Locale.ROOT, "leak%.0f-%s", leak, tag), s, leak));
                }
            }
            SimSpec s = base.withNoise(10, phi);
            for (double d : new double[] {1, 2, 5}) {
                cells.add(len.drift(String.format(Locale.ROOT, "drift%.0f-phi%s", d, phi), s, d));
            }
        }
        cells.add(stable("stable-clean-4h", SimSpec.stable(), 4));
        cells.add(stable("stable-24h", base, 24));
        for (double h : new double[] {4, 8, 24}) {
            cells.add(stable(String.format(Locale.ROOT, "slow-warmup-%.0fh", h), slowWarmup(base), h));
        }
        cells.add(stable("fast-warmup-8h", base.withWarmup(100, 1800, 0.2), 8));
        cells.add(stable("slow-rising-latency-8h", slowRisingLatency(base), 8));
        cells.add(stable("slow-rising-latency-24h", slowRisingLatency(base), 24));
        cells.add(stable("gc-sawtooth-8h", sawtooth(base), 8));
        cells.add(stable("level-step-8h", step(base), 8));
        cells.add(stable("level-step-latency50-8h", base.withStep(60, Math.log(1.5)), 8));
        cells.add(stable("diurnal-8h", diurnal(base), 8));
        cells.add(stable("diurnal-24h", diurnal(base), 24));
        cells.add(len.leak("leak10-fast-warmup", base.withWarmup(100, 1800, 0.2), 10));
        cells.add(len.leak("leak10-sawtooth", sawtooth(base), 10));
        cells.add(len.leak("leak10-level-step", step(base), 10));
        cells.add(len.leak("leak10-diurnal-24h", diurnal(base).withDurationHours(24).withLeak(10), 10));
        // a leak on top of a slow warm-up (τ = 3 h, +200 MB): when does it FAIL? (fixed run lengths)
        for (double h : new double[] {16, 24}) {
            cells.add(new Cell(String.format(Locale.ROOT, "leak10-slow-warmup-%.0fh", h), "leak",
                    slowWarmup(base).withLeak(10).withDrift(0).withDurationHours(h)));
        }
        cells.add(len.drift("drift2-diurnal-24h", diurnal(base).withDurationHours(24).withDrift(2), 2));
        // (added in the sixth session, at the end so that the cells above keep their seeds)
        // a fifth of the noise variance white (a percentile's sampling error, jitter): the block model must
        // not read the lower lag 1 it gives as weaker persistence
        cells.add(stable("stable-phi0.97-s30-white20", base.withNoise(30, 0.97).withWhiteNoise(0.2), 8));
        cells.add(stable("stable-phi0.9-s30-white20", base.withNoise(30, 0.9).withWhiteNoise(0.2), 8));
        cells.add(len.leak("leak10-phi0.97-s20-white20", base.withNoise(20, 0.97).withWhiteNoise(0.2), 10));
        cells.add(len.drift("drift2-phi0.97-white20", base.withNoise(10, 0.97).withWhiteNoise(0.2), 2));
        // a drift in a run whose memory steps once (a deploy), without and with a +50 % p99 step at that time
        cells.add(len.drift("drift2-phi0.5-memory-step", base.withNoise(10, 0.5).withStep(60, 0), 2));
        cells.add(len.drift("drift2-phi0.5-level-step-latency50", base.withNoise(10, 0.5).withStep(60, Math.log(1.5)), 2));
        // (twelfth session) noise that is not an AR(1) plus white: 30 % of the variance a slow wander with a
        // 2-hour correlation time, which a noise model fitted to the samples may read as short-range
        for (double phi : new double[] {0.9, 0.97}) {
            SimSpec s = base.withNoise(20, phi).withWander(0.3);
            String tag = String.format(Locale.ROOT, "phi%s-s20-wander30", phi);
            cells.add(stable("stable-" + tag, s, 8));
            cells.add(stable("stable-" + tag + "-24h", s, 24));
            cells.add(len.leak("leak10-" + tag, s, 10));
        }
        // (fourteenth session) a memory step on top of a fast warm-up (80 MB, τ = 15 min) in a 4 h run: the
        // step-free residuals carry the warm-up's tail and the step, so the search may miss the step (its t
        // against their φ under the bar) and read it as a trend
        cells.add(stable("level-step-on-warmup-4h", base.withWarmup(80, 900, 0).withStep(60, 0), 4));
        // (sixteenth session) steps of 3–4 σ, small enough that the level-shift search often misses them and a
        // line through the run reads them as a trend: a 30 and a 40 MB memory step, a +25 % p99 step
        cells.add(stable("level-step-30mb-8h", base.withStep(30, 0), 8));
        cells.add(stable("level-step-40mb-8h", base.withStep(40, 0), 8));
        cells.add(stable("latency-step25-8h", base.withStep(0, Math.log(1.25)), 8));
        // (nineteenth session) the slow warm-up in persistent noise: at φ 0.97 per minute its curvature is within
        // the noise over 8 h at σ 20 MB (the hinge's expected t about 2), as over 4 h at φ 0.9
        cells.add(stable("slow-warmup-8h-phi0.97-s10", slowWarmup(base.withNoise(10, 0.97)), 8));
        cells.add(stable("slow-warmup-8h-phi0.97-s20", slowWarmup(base.withNoise(20, 0.97)), 8));
        cells.add(stable("slow-warmup-24h-phi0.97-s20", slowWarmup(base.withNoise(20, 0.97)), 24));
        // (twenty-fourth session) a leak on a 60 MB memory step in weakly persistent noise, where the step must not
        // read as persistence and widen the interval (the grid's other leak on a step is at φ 0.9)
        cells.add(len.leak("leak10-phi0.5-memory-step", base.withNoise(10, 0.5).withStep(60, 0), 10));
        // (twenty-fifth session) the p99 of a service doing 20 ops/s, read from its requests: at 10 s samples
        // (calibrate --sample-sec 10) 200 requests an interval, whose percentile's sampling error is white and about
        // as large as the AR(1) noise (the log-normal requests' log-sd 0.5, p99 3.2 times the median)
        for (double phi : new double[] {0.5, 0.97}) {
            SimSpec s = base.withNoise(10, phi).withRequestTail(0.5, 20);
            cells.add(stable(String.format(Locale.ROOT, "stable-phi%s-20rps", phi), s, 8));
            cells.add(len.drift(String.format(Locale.ROOT, "drift2-phi%s-20rps", phi), s, 2));
        }
        // (thirty-seventh session) a cache on RSS cleared every 2 h or so: its climbs are not growth, its floor is
        // what a leak raises. At φ 0.5, σ 3 MB its 40 MB falls are 13 sds of the samples' differences, at φ 0.9,
        // σ 10 MB 9 (the sawtooth is found at 8, Sawtooth.FALL_SD)
        cells.add(stable("cache-2h-phi0.5-s3-8h", cache(base.withNoise(3, 0.5)), 8));
        cells.add(stable("cache-2h-phi0.5-s3-4h", cache(base.withNoise(3, 0.5)), 4));
        cells.add(stable("cache-2h-phi0.9-s10-8h", cache(base.withNoise(10, 0.9)), 8));
        cells.add(stable("cache-2h-phi0.9-s10-24h", cache(base.withNoise(10, 0.9)), 24));
        // a leak on such a cache, over 8 h rather than 1.5·T*: a run shorter than two of its teeth cannot tell a
        // floor that rises from a cache that fills
        for (String noise : new String[] {"phi0.5-s3", "phi0.9-s10"}) {
            SimSpec s = cache(noise.equals("phi0.5-s3") ? base.withNoise(3, 0.5) : base.withNoise(10, 0.9));
            cells.add(new Cell("leak10-cache-2h-" + noise + "-8h", "leak", s.withLeak(10).withDrift(0)
                    .withDurationHours(8)));
        }
        // (thirty-eighth session) a JVM's cache on its heap, over a collector's teeth of 30 or 100 MB (what the heap
        // after GC varies between collections): the heap's lower envelope climbs and falls with the cache
        for (double gc : new double[] {30, 100}) {
            SimSpec s = heapCache(base.withNoise(3, 0.5), gc);
            String name = String.format(Locale.ROOT, "cache-heap-2h-gc%.0f-phi0.5-s3", gc);
            cells.add(stable(name + "-4h", s, 4));
            cells.add(stable(name + "-8h", s, 8));
            cells.add(new Cell("leak10-" + name + "-8h", "leak", s.withLeak(10).withDrift(0).withDurationHours(8)));
        }
        return cells;
    }

    /**
     * Runs of three and seven days ({@code calibrate --long}), longer than the grid (2–24 h): their samples
     * are thinned to points coarser than the 60 s the noise model's constants were chosen at (2000 points over a
     * run longer than 33 h), so these cells check what the final analysis reports there. A threshold is far
     * above what noise can fake over days, so the stable cells read the interval of the rate (does it hold 0?) more
     * than the verdict; the leak of 2 MB/h and the drift of 0.5 %/h are below half their thresholds (a PASS is
     * right), and read the interval and the rate error at a growth a week makes plain. A leak of 5 MB/h (half the
     * threshold) and of 10 MB/h (the threshold) over 3 days read the decision where it is close: the first should
     * PASS, its rate shown below the threshold, the second FAIL. Leaks and drifts run for the cell's length, not a
     * multiple of T*.
     */
    public static List<Cell> longRuns() {
        List<Cell> cells = new ArrayList<>();
        SimSpec base = SimSpec.stable().withSpikes(0.01);
        SimSpec persistent = base.withNoise(10, 0.97);
        for (double h : new double[] {72, 168}) {
            String days = String.format(Locale.ROOT, "%.0fd", h / 24);
            cells.add(stable("stable-phi0.97-s10-" + days, persistent, h));
            cells.add(new Cell("leak2-phi0.97-s30-" + days, "leak",
                    base.withNoise(30, 0.97).withLeak(2).withDrift(0).withDurationHours(h)));
        }
        cells.add(stable("diurnal-3d", diurnal(base), 72));
        SimSpec wander = base.withNoise(20, 0.9).withWander(0.3);
        cells.add(stable("stable-phi0.9-s20-wander30-3d", wander, 72));
        cells.add(new Cell("drift0.5-phi0.97-3d", "drift", persistent.withDrift(0.5).withLeak(0).withDurationHours(72)));
        // half the threshold (a PASS is right once the interval shows the rate below 10 MB/h), and the threshold itself
        for (double leak : new double[] {5, 10}) {
            cells.add(new Cell(String.format(Locale.ROOT, "leak%.0f-phi0.97-s10-3d", leak), "leak",
                    persistent.withLeak(leak).withDrift(0).withDurationHours(72)));
        }
        // the threshold under noise whose interval is too narrow: can the strict bound show it "below" the threshold?
        cells.add(new Cell("leak10-phi0.9-s20-wander30-3d", "leak", wander.withLeak(10).withDrift(0).withDurationHours(72)));
        return cells;
    }

    /** Memory fills a cache (+200 MB), latency settles as caches and the JIT warm (starts 35 % higher). */
    static SimSpec slowWarmup(SimSpec s) {
        return s.withWarmup(200, 180 * 60, -0.3);
    }

    /** The hard case: latency rises 35 % to a plateau with τ = 180 min (e.g. a working set growing into place). */
    static SimSpec slowRisingLatency(SimSpec s) {
        return s.withWarmup(200, 180 * 60, 0.3);
    }

    static SimSpec sawtooth(SimSpec s) {
        return s.withSawtooth(300, 180);
    }

    /** A cache on RSS that fills 40 MB and is cleared every 2 h (±25 %). */
    static SimSpec cache(SimSpec s) {
        return s.withCache(40, 7200);
    }

    /** The same cache on a JVM's heap, over a collector's teeth of {@code gcMb} every 1.5–4.5 min; RSS flat. */
    static SimSpec heapCache(SimSpec s, double gcMb) {
        return cache(s.withSawtooth(gcMb, 180));
    }

    static SimSpec step(SimSpec s) {
        return s.withStep(60, Math.log(2));
    }

    static SimSpec diurnal(SimSpec s) {
        return s.withDiurnal(0.5, 120, 0.4);
    }

    static Cell stable(String name, SimSpec s, double hours) {
        return new Cell(name, "stable", s.withLeak(0).withDrift(0).withDurationHours(hours));
    }

    /**
     * How long leak and drift cells run: {@code multiple} × their T*, clamped to
     * [{@link #MIN_HOURS}, {@code maxHours}] (whole minutes), unless the spec already fixes 24 h.
     */
    private record Lengths(double multiple, double maxHours) {
        Lengths {
            if (!(multiple > 0) || !(maxHours >= MIN_HOURS)) {
                throw new IllegalArgumentException("multiple = " + multiple + " must be > 0 and maxHours = " + maxHours
                        + " at least " + MIN_HOURS);
            }
        }

        Cell leak(String name, SimSpec s, double mbPerHour) {
            return sized(new Cell(name, "leak", s.withLeak(mbPerHour).withDrift(0)));
        }

        Cell drift(String name, SimSpec s, double pct) {
            return sized(new Cell(name, "drift", s.withDrift(pct).withLeak(0)));
        }

        private Cell sized(Cell c) {
            if (c.spec().durationSec() == 24 * 3600.0) {
                return c;
            }
            double h = multiple * c.informationLimitHours(THRESHOLD_MB);
            return new Cell(c.name(), c.kind(), c.spec().withDurationHours(Math.max(MIN_HOURS, Math.min(maxHours,
                    Math.floor(h * 60) / 60))));
        }
    }
}

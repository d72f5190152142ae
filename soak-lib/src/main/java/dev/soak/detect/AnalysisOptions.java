package dev.soak.detect;

import dev.soak.scenario.Thresholds;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What {@link Analysis#analyze} needs besides the series. Immutable; build with {@link #builder()}.
 *
 * @param thresholds      practical thresholds ({@code [soak.thresholds]})
 * @param warmupSec       fixed warm-up to discard, or empty for automatic detection
 * @param alpha           family-wise one-sided significance level of the final analysis (default 0.05)
 * @param liveAlpha       total level spent over all live looks (default 0.01), see {@link Look}
 * @param look            the live look, or empty for an offline (final) analysis
 * @param maxRssMb        {@code max_rss_mb} abort limit, used as a memory limit for the forecast
 * @param memoryLimitMb   a memory limit overriding {@code memory_limit_mb} from the samples
 * @param maxThreads      the thread limit of the process, when known
 * @param maxOpenFiles    an fd limit overriding {@code max_open_files} from the samples
 * @param finalLook       0 for the one final analysis of a run of fixed length; j ≥ 1 for the j-th final
 *                        analysis of a run that may be extended while INCONCLUSIVE ({@code [duration]
 *                        max_total_seconds}): the one at the planned end is 1, after the first extension 2, …
 */
public record AnalysisOptions(Thresholds thresholds, OptionalDouble warmupSec, double alpha, double liveAlpha,
                              Optional<Look> look, OptionalDouble maxRssMb, OptionalDouble memoryLimitMb,
                              OptionalDouble maxThreads, OptionalDouble maxOpenFiles, int finalLook) {
    public AnalysisOptions {
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("alpha = " + alpha + " must be in (0, 0.5); the usual value is 0.05");
        }
        if (!(liveAlpha > 0 && liveAlpha < 0.5)) {
            throw new IllegalArgumentException("liveAlpha = " + liveAlpha + " must be in (0, 0.5); the usual value is 0.01");
        }
        if (finalLook < 0) {
            throw new IllegalArgumentException("finalLook = " + finalLook + " must be ≥ 0 (0: a run of fixed length)");
        }
        if (warmupSec.isPresent() && !(warmupSec.getAsDouble() >= 0)) {
            throw new IllegalArgumentException("warmupSec = " + warmupSec.getAsDouble() + " must be ≥ 0 (or empty for auto)");
        }
    }

    /** Defaults: thresholds 10 MB/h and 2 %/h, automatic warm-up, α = 0.05, α_live = 0.01, offline. */
    public static AnalysisOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.thresholds = thresholds;
        b.warmupSec = warmupSec;
        b.alpha = alpha;
        b.liveAlpha = liveAlpha;
        b.look = look;
        b.maxRssMb = maxRssMb;
        b.memoryLimitMb = memoryLimitMb;
        b.maxThreads = maxThreads;
        b.maxOpenFiles = maxOpenFiles;
        b.finalLook = finalLook;
        return b;
    }

    /** Whether this is a live look (tested at the look's spending increment) rather than the final analysis. */
    public boolean live() {
        return look.isPresent();
    }

    /**
     * The family-wise level of this analysis: the look's spending increment live; offline α for a run of
     * fixed length, and α/2^j for the j-th final analysis of an extensible run. Those halvings sum to α
     * over however many extensions follow, so by the union bound (Bonferroni) the final analyses together
     * raise a false FAIL with probability at most α, whatever their correlation.
     */
    public double levelOfThisLook() {
        return look.map(l -> l.level(liveAlpha)).orElse(finalLevel(alpha, finalLook));
    }

    /** α for {@code finalLook} 0, else α/2^finalLook (see {@link #levelOfThisLook()}). */
    private static double finalLevel(double alpha, int finalLook) {
        return finalLook == 0 ? alpha : alpha / Math.pow(2, finalLook);
    }

    /** The family-wise level of the final analysis unless set otherwise. */
    public static final double DEFAULT_ALPHA = 0.05;

    /** Mutable builder of {@link AnalysisOptions}; not thread-safe. */
    public static final class Builder {
        private Thresholds thresholds = Thresholds.defaults();
        private OptionalDouble warmupSec = OptionalDouble.empty();
        private double alpha = DEFAULT_ALPHA;
        private double liveAlpha = 0.01;
        private Optional<Look> look = Optional.empty();
        private OptionalDouble maxRssMb = OptionalDouble.empty();
        private OptionalDouble memoryLimitMb = OptionalDouble.empty();
        private OptionalDouble maxThreads = OptionalDouble.empty();
        private OptionalDouble maxOpenFiles = OptionalDouble.empty();
        private int finalLook;

        private Builder() {
        }

        public Builder thresholds(Thresholds t) {
            thresholds = t;
            return this;
        }

        /** A fixed warm-up in seconds to discard. */
        public Builder warmupSec(double sec) {
            warmupSec = OptionalDouble.of(sec);
            return this;
        }

        /** Detect the end of warm-up automatically (the default). */
        public Builder autoWarmup() {
            warmupSec = OptionalDouble.empty();
            return this;
        }

        public Builder alpha(double a) {
            alpha = a;
            return this;
        }

        public Builder liveAlpha(double a) {
            liveAlpha = a;
            return this;
        }

        /** Mark this analysis as live look {@code look}. */
        public Builder look(Look l) {
            look = Optional.of(l);
            return this;
        }

        /** Mark this analysis as offline (final). */
        public Builder offline() {
            look = Optional.empty();
            return this;
        }

        public Builder maxRssMb(double mb) {
            maxRssMb = OptionalDouble.of(mb);
            return this;
        }

        public Builder memoryLimitMb(double mb) {
            memoryLimitMb = OptionalDouble.of(mb);
            return this;
        }

        public Builder maxThreads(double n) {
            maxThreads = OptionalDouble.of(n);
            return this;
        }

        public Builder maxOpenFiles(double n) {
            maxOpenFiles = OptionalDouble.of(n);
            return this;
        }

        /**
         * Mark this offline analysis as the {@code j}-th final analysis of an extensible run (1 at the planned
         * end); 0, the default, for a run of fixed length.
         */
        public Builder finalLook(int j) {
            finalLook = j;
            return this;
        }

        public AnalysisOptions build() {
            return new AnalysisOptions(thresholds, warmupSec, alpha, liveAlpha, look, maxRssMb, memoryLimitMb,
                    maxThreads, maxOpenFiles, finalLook);
        }
    }
}

package dev.soak.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cross-checks against an independent implementation (scipy 1.10.1, statsmodels 0.13.5) on
 * fixed-seed data: {@code trend_ar1.csv} (240 one-minute samples, slope 0.0002/s, AR(1) noise
 * φ = 0.6), {@code ties.csv} (150 rounded values with repeated x), {@code covariates.csv} (300
 * samples, a time trend, a sinusoidal load and a random covariate, AR(1) noise φ = 0.7),
 * {@code long_quantised.csv} (1,000 values rounded to 0.1, AR(1) φ = 0.8: 499,500 slopes, so the
 * randomized selection path is the one checked).
 * Tolerances are relative unless stated: 1e-12 where the arithmetic is the same (medians, counts),
 * 1e-9 for sums taken in another order or solved another way (QR here, pinv there), 1e-6 for
 * p-values (different normal/t tail implementations).
 */
class ReferenceValuesTest {
    private static final JsonNode EXP = Fixtures.expected();

    private static double rel(double expected, double actual) {
        return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
    }

    private static void close(double actual, double expected, double relTol, String what) {
        assertThat(rel(expected, actual)).as("%s: expected %s, got %s", what, expected, actual).isLessThanOrEqualTo(relTol);
    }

    @ParameterizedTest
    @ValueSource(strings = {"trend_ar1", "ties", "long_quantised"})
    void theilSen_matchesScipyTheilslopesJoint(String name) {
        double[][] d = Fixtures.csv(name + ".csv");
        for (String level : new String[] {"95", "90"}) {
            // scipy.stats.theilslopes(y, x, alpha=level, method='joint') -> slope, intercept, low, high
            double[] e = Fixtures.array(EXP.get(name).get("theilsen_" + level));
            TheilSen.Fit f = TheilSen.fit(d[0], d[1], Integer.parseInt(level) / 100.0);
            close(f.slope(), e[0], 1e-12, "slope");
            close(f.intercept(), e[1], 1e-12, "intercept");
            close(f.lowerSlope(), e[2], 1e-12, "lower");
            close(f.upperSlope(), e[3], 1e-12, "upper");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"trend_ar1", "ties", "long_quantised"})
    void mannKendall_matchesDirectDefinitionAndScipyTau(String name) {
        double[][] d = Fixtures.csv(name + ".csv");
        // S by the O(n^2) definition, Var(S) by Kendall (1970) eq. 4.4 with numpy tie counts,
        // Z with continuity correction, p = scipy.stats.norm.sf; tau_b = scipy.stats.kendalltau
        JsonNode e = EXP.get(name).get("mk");
        MannKendall.Result r = MannKendall.test(d[0], d[1]);
        assertThat(r.s()).isEqualTo(e.get("s").asDouble());
        close(r.varianceOfS(), e.get("var").asDouble(), 1e-12, "var");
        close(r.z(), e.get("z").asDouble(), 1e-12, "z");
        close(r.pTwoSided(), e.get("p_two").asDouble(), 1e-6, "p two-sided");
        close(r.pIncreasing(), e.get("p_up").asDouble(), 1e-6, "p increasing");
        close(r.tauB(), e.get("tau_b").asDouble(), 1e-12, "tau_b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"trend_ar1", "ties", "long_quantised"})
    void simpleRegression_matchesScipyLinregress(String name) {
        double[][] d = Fixtures.csv(name + ".csv");
        // scipy.stats.linregress: slope, intercept, stderr, intercept_stderr, pvalue
        double[] e = Fixtures.array(EXP.get(name).get("linregress"));
        LeastSquaresFit f = LeastSquares.fit(d[0], d[1]);
        close(f.coefficient(1), e[0], 1e-9, "slope");
        close(f.coefficient(0), e[1], 1e-9, "intercept");
        close(f.standardError(1), e[2], 1e-9, "slope se");
        close(f.standardError(0), e[3], 1e-9, "intercept se");
        close(f.pValue(1), e[4], 1e-6, "p");
    }

    @Test
    void serialCorrections_matchStatsmodelsAcfBasedFormulas() {
        double[][] d = Fixtures.csv("trend_ar1.csv");
        JsonNode e = EXP.get("trend_ar1");
        // rank ACF: statsmodels acf(scipy rankdata(y - b*x), adjusted=False, fft=False), b from
        // scipy theilslopes; significant lags at norm.ppf(0.975)/sqrt(n)
        for (int lag : new int[] {5, 20}) {
            close(MannKendall.hamedRaoFactor(d[0], d[1], lag, 0.05), e.get("hamed_rao_L" + lag).asDouble(), 1e-9, "Hamed-Rao L" + lag);
            close(MannKendall.yueWangFactor(d[0], d[1], lag), e.get("yue_wang_L" + lag).asDouble(), 1e-9, "Yue-Wang L" + lag);
        }
        double[] acf = Autocorrelation.acfUpTo(d[1], 10);
        double[] eAcf = Fixtures.array(e.get("acf_y_10"));
        for (int k = 0; k <= 10; k++) {
            assertThat(acf[k]).as("acf lag %d", k).isCloseTo(eAcf[k], within(1e-12));
            assertThat(Autocorrelation.acf(d[1], k)).isCloseTo(eAcf[k], within(1e-12));
        }
        assertThat(Autocorrelation.ar1(MannKendall.detrend(d[0], d[1])))
                .isCloseTo(e.get("acf_det_1").asDouble(), within(1e-12));
        // Bartlett long-run variance = n * HAC variance of the mean (statsmodels OLS on a constant)
        for (int lag : new int[] {4, 20}) {
            close(Autocorrelation.longRunVariance(d[1], lag), e.get("lrv_bartlett_L" + lag).asDouble(), 1e-9, "LRV L" + lag);
        }
    }

    @Test
    void leastSquaresWithCovariates_matchesStatsmodelsOlsAndHac() {
        double[][] d = Fixtures.csv("covariates.csv");
        JsonNode e = EXP.get("covariates");
        LeastSquaresFit f = LeastSquares.fit(d[0], d[3], d[1], d[2]);
        double[] params = Fixtures.array(e.get("params"));
        double[] bse = Fixtures.array(e.get("bse"));
        double[] pv = Fixtures.array(e.get("pvalues"));
        for (int j = 0; j < 4; j++) {
            close(f.coefficient(j), params[j], 1e-9, "param " + j);
            close(f.standardError(j), bse[j], 1e-9, "bse " + j);
            close(f.pValue(j), pv[j], 1e-6, "p " + j);
        }
        close(f.rSquared(), e.get("rsquared").asDouble(), 1e-9, "R2");
        close(f.residualVariance(), e.get("resid_var").asDouble(), 1e-9, "scale");
        for (int lag : new int[] {4, 22}) {
            // statsmodels OLS(...).fit(cov_type='HAC', cov_kwds={'maxlags': lag}): Bartlett, no
            // small-sample correction, normal p-values
            double[] hac = Fixtures.array(e.get("hac_bse_L" + lag));
            double[] hacP = Fixtures.array(e.get("hac_pvalues_L" + lag));
            for (int j = 0; j < 4; j++) {
                double se = f.neweyWestStandardError(j, lag);
                close(se, hac[j], 1e-9, "HAC bse " + j + " L" + lag);
                close(LeastSquaresFit.pValueTwoSided(f.tStatistic(j, se), Double.POSITIVE_INFINITY), hacP[j], 1e-6,
                        "HAC p " + j);
            }
        }
        assertThat(f.residualAr1()).isCloseTo(e.get("resid_acf1").asDouble(), within(1e-9));
        double phi = f.residualAr1();
        assertThat(f.ar1StandardError(1)).isCloseTo(bse[1] * Math.sqrt((1 + phi) / (1 - phi)), withinPercentage(1e-7));
        assertThat(Autocorrelation.defaultMaxLag(300)).isEqualTo(22);
    }

    @Test
    void holm_matchesStatsmodelsMultipletests() {
        JsonNode e = EXP.get("holm");
        double[] adj = Holm.adjust(Fixtures.array(e.get("p")));
        double[] exp = Fixtures.array(e.get("adjusted"));
        for (int i = 0; i < adj.length; i++) {
            assertThat(adj[i]).isCloseTo(exp[i], within(1e-15));
        }
    }

    @Test
    void alphaSpending_matchesScipyNormalFormulas() {
        JsonNode e = EXP.get("spending");
        double[] t = Fixtures.array(e.get("t"));
        double[] obf = Fixtures.array(e.get("obf"));
        double[] pocock = Fixtures.array(e.get("pocock"));
        for (int i = 0; i < t.length; i++) {
            assertThat(AlphaSpending.OBRIEN_FLEMING.spent(0.05, t[i])).isCloseTo(obf[i], within(1e-12));
            assertThat(AlphaSpending.POCOCK.spent(0.05, t[i])).isCloseTo(pocock[i], within(1e-12));
        }
    }
}

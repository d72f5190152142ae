package dev.soak.stats;

/** The "meat" of the Newey–West sandwich, Ŝ = Σ_l w_l Σ_t u_t u_{t−l}' with u_t = ê_t·z_t. */
final class Hac {
    private Hac() {
    }

    static double[][] bartlettMeat(double[][] z, double[] e, int lags) {
        int p = z.length;
        int n = e.length;
        double[][] u = new double[p][n];
        for (int j = 0; j < p; j++) {
            for (int t = 0; t < n; t++) {
                u[j][t] = z[j][t] * e[t];
            }
        }
        double[][] s = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double acc = 0;
                for (int t = 0; t < n; t++) {
                    acc += u[i][t] * u[j][t];
                }
                s[i][j] = acc;
            }
        }
        // Σ_l w_l (Γ_l + Γ_l'), Γ_l[i][j] = Σ_t u_i[t] u_j[t−l], in O(n) per pair
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double g = Autocorrelation.bartlettCross(u[i], u[j], lags);
                s[i][j] += g;
                s[j][i] += g;
            }
        }
        return s;
    }
}

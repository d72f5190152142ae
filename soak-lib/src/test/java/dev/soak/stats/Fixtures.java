package dev.soak.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Reference data sets and the values scipy 1.10.1 / statsmodels 0.13.5 (Debian bookworm) computed
 * for them: {@code src/test/resources/dev/soak/stats/expected.json}. Only the values are kept;
 * how each was computed is stated beside the assertions that use it.
 */
final class Fixtures {
    private Fixtures() {
    }

    /** The design {1, i} of an intercept and a trend over i = 0 … m − 1, column by column. */
    static double[][] lineDesign(int m) {
        double[] one = new double[m];
        double[] u = new double[m];
        for (int i = 0; i < m; i++) {
            one[i] = 1;
            u[i] = i;
        }
        return new double[][] {one, u};
    }

    /**
     * OLS of 12 fixed values on the design {1, i, 1[i ≥ 7]} (a line with a step), the data behind the
     * numpy fixtures of the AR(1) and ARMA(1, 1) variance tests.
     */
    static LeastSquaresFit lineAndStepFit() {
        double[] y = {3.1, 2.7, 4.0, 4.4, 3.9, 5.2, 5.0, 6.1, 5.7, 6.9, 7.4, 7.0};
        double[][] x = lineDesign(y.length);
        double[] step = new double[y.length];
        for (int i = 7; i < y.length; i++) {
            step[i] = 1;
        }
        return LeastSquares.fitDesign(new double[][] {x[0], x[1], step}, y);
    }

    /**
     * y_i = 2 + 0.1·i + e_i, i = 0 … m − 1, with e a stationary AR(1) of unit variance and coefficient
     * φ: e_0 ~ N(0, 1), e_i = φ·e_{i−1} + √(1 − φ²)·z_i.
     */
    static double[] ar1AroundLine(Random r, int m, double phi) {
        double[] y = new double[m];
        double e = r.nextGaussian();
        for (int i = 0; i < m; i++) {
            y[i] = 2 + 0.1 * i + e;
            e = phi * e + Math.sqrt(1 - phi * phi) * r.nextGaussian();
        }
        return y;
    }

    /** Columns of a CSV resource with a header line, in header order. */
    static double[][] csv(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int cols = r.readLine().split(",").length;
            List<double[]> rows = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",");
                double[] row = new double[cols];
                for (int j = 0; j < cols; j++) {
                    row[j] = Double.parseDouble(f[j]);
                }
                rows.add(row);
            }
            double[][] out = new double[cols][rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                for (int j = 0; j < cols; j++) {
                    out[j][i] = rows.get(i)[j];
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode expected() {
        try (InputStream in = Fixtures.class.getResourceAsStream("expected.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] array(JsonNode node) {
        double[] a = new double[node.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = node.get(i).asDouble();
        }
        return a;
    }
}

package dev.soak.stats;

/** O(1) residual sums of squares of constant or line fits on index ranges, from prefix sums. */
final class SegmentCost {
    private final ChangePoints.Model model;
    private final double[] sx;
    private final double[] sy;
    private final double[] sxx;
    private final double[] sxy;
    private final double[] syy;
    private final double xShift;
    private final double xScale;
    private final double yShift;

    SegmentCost(double[] x, double[] y, ChangePoints.Model model) {
        this.model = model;
        int n = x.length;
        xShift = (x[0] + x[n - 1]) / 2;
        double half = (x[n - 1] - x[0]) / 2;
        xScale = half > 0 ? half : 1;
        yShift = Series.mean(y);
        sx = new double[n + 1];
        sy = new double[n + 1];
        sxx = new double[n + 1];
        sxy = new double[n + 1];
        syy = new double[n + 1];
        for (int i = 0; i < n; i++) {
            double u = (x[i] - xShift) / xScale;
            double v = y[i] - yShift;
            sx[i + 1] = sx[i] + u;
            sy[i + 1] = sy[i] + v;
            sxx[i + 1] = sxx[i] + u * u;
            sxy[i + 1] = sxy[i] + u * v;
            syy[i + 1] = syy[i] + v * v;
        }
    }

    /** Residual sum of squares of the fit on [s, e). */
    double cost(int s, int e) {
        double m = e - s;
        double ty = sy[e] - sy[s];
        double c = (syy[e] - syy[s]) - ty * ty / m;
        if (model == ChangePoints.Model.LINE) {
            double tx = sx[e] - sx[s];
            double cxx = (sxx[e] - sxx[s]) - tx * tx / m;
            double cxy = (sxy[e] - sxy[s]) - tx * ty / m;
            if (cxx > 0) {
                c -= cxy * cxy / cxx;
            }
        }
        return Math.max(c, 0);
    }

    /** {intercept, slope} of the fit on [s, e) in original units (slope 0 for LEVEL). */
    double[] fit(int s, int e) {
        double m = e - s;
        double tx = sx[e] - sx[s];
        double ty = sy[e] - sy[s];
        double slopeU = 0;
        if (model == ChangePoints.Model.LINE) {
            double cxx = (sxx[e] - sxx[s]) - tx * tx / m;
            double cxy = (sxy[e] - sxy[s]) - tx * ty / m;
            slopeU = cxx > 0 ? cxy / cxx : 0;
        }
        double interceptU = ty / m - slopeU * tx / m;
        double slope = slopeU / xScale;
        double intercept = interceptU + yShift - slope * xShift;
        return new double[] {intercept, slope};
    }
}

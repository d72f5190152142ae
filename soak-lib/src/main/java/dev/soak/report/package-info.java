/**
 * Reports of a run: loading (and merging) run directories, {@code report.txt} / {@code report.json}
 * / {@code report.html}, XChart PNG plots and Tablesaw tables. The same code runs at the end of a
 * run (the orchestrator) and offline ({@code jbang-scripts/analyze.java}, {@code plot.java}).
 *
 * <p>Entry points: {@link dev.soak.report.RunLoader#load}, {@link dev.soak.report.RunAnalysis#analyze},
 * {@link dev.soak.report.ReportWriter#write}, {@link dev.soak.report.Plots#writeAll},
 * {@link dev.soak.report.Analyze#run}.
 */
package dev.soak.report;

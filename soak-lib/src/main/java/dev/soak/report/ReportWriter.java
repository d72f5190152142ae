package dev.soak.report;

import dev.soak.checkpoint.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a run's reports into a directory: {@code report.txt}, {@code report.json},
 * {@code report.html} (self-contained) and {@code plots/*.png}. Each file is written to a
 * temporary name and moved into place, so a reader never sees half a report. Used by the
 * orchestrator at the end of a run and by {@code analyze.java}. Stateless and thread-safe
 * (concurrent writes into the same directory are not).
 */
public final class ReportWriter {
    private ReportWriter() {
    }

    /** The files written. */
    public record Written(Path reportTxt, Path reportJson, Path reportHtml, List<Path> plots) { }

    /**
     * Writes every report of {@code run} analysed as {@code model} into {@code outDir} (created).
     *
     * @throws UncheckedIOException when a file cannot be written
     */
    public static Written write(RunData run, ReportModel model, Path outDir) {
        int exit = RunAnalysis.exitCode(run, model);
        try {
            Files.createDirectories(outDir);
            Map<String, byte[]> pngs = Plots.render(run, model);
            List<Path> plots = new ArrayList<>(Plots.write(pngs, outDir.resolve("plots")));
            Path txt = atomic(outDir.resolve("report.txt"), TextReport.render(run, model, exit));
            Path json = atomic(outDir.resolve("report.json"), ReportJson.render(run, model, exit));
            Path html = atomic(outDir.resolve("report.html"), HtmlReport.render(run, model, exit, pngs));
            return new Written(txt, json, html, plots);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + outDir + ": " + e.getMessage(), e);
        }
    }

    /** The text of report.txt, without writing anything. */
    public static String text(RunData run, ReportModel model) {
        return TextReport.render(run, model, RunAnalysis.exitCode(run, model));
    }

    /** {@code content} as UTF-8 into {@code target}, replaced whole ({@link AtomicFiles}). */
    private static Path atomic(Path target, String content) {
        AtomicFiles.write(target, content.getBytes(StandardCharsets.UTF_8));
        return target;
    }
}

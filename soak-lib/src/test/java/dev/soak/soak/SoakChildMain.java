package dev.soak.soak;

import java.nio.file.Path;

/**
 * What {@code soak.java} does, as a plain main on the test class path, so that a test can run a
 * soak in a child JVM and send it SIGINT: {@code SoakChildMain SCENARIO OUTPUT_DIR}.
 */
final class SoakChildMain {
    private SoakChildMain() {
    }

    public static void main(String[] args) {
        try {
            SoakResult r = SoakOrchestrator.builder().scenarioFile(Path.of(args[0])).outputDir(Path.of(args[1])).seed(11)
                .handleSignals(true).terminal(false).plainProgressSec(2).build().run();
            System.exit(r.exitCode());
        } catch (SoakException e) {
            System.err.println("soak: " + e.getMessage());
            System.exit(SoakException.EXIT_CODE);
        }
    }
}

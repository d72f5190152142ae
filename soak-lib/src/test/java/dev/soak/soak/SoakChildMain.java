package dev.soak.soak;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code soak.java} does, as a plain main on the test class path, so that a test can run a
 * soak in a child JVM and send it SIGINT: {@code SoakChildMain SCENARIO OUTPUT_DIR}. With the system property
 * {@value #RETAIN_PROPERTY} (MB a second) the child keeps that much more memory every second, so that a test can make
 * the load generator itself leak.
 */
final class SoakChildMain {
    /** MB a second this JVM retains for good, from its start; none when absent. */
    static final String RETAIN_PROPERTY = "soak.test.retainMbPerSec";
    private static final List<byte[]> RETAINED = new ArrayList<>();

    private SoakChildMain() {
    }

    public static void main(String[] args) {
        double retainMbPerSec = Double.parseDouble(System.getProperty(RETAIN_PROPERTY, "0"));
        if (retainMbPerSec > 0) {
            Thread leak = new Thread(() -> {
                while (true) {
                    synchronized (RETAINED) {
                        RETAINED.add(new byte[(int) (retainMbPerSec * 1024 * 1024 / 10)]);
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "test-leak");
            leak.setDaemon(true);
            leak.start();
        }
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

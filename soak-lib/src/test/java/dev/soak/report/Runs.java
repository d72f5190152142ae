package dev.soak.report;

import java.io.IOException;
import java.nio.file.Path;

/** Small synthetic run directories for the report tests (seconds to write). */
final class Runs {
    private Runs() {
    }

    static SyntheticRun.Spec base() {
        return SyntheticRun.Spec.healthy().withDurationSec(4 * 3600).withOpsPerSec(20);
    }

    static Path healthy(Path dir) throws IOException {
        return SyntheticRun.write(dir, base());
    }

    static Path leakAndDrift(Path dir) throws IOException {
        return SyntheticRun.write(dir, base().withLeak(30).withDrift(10).withSeed(7));
    }
}

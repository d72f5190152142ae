package dev.soak.report;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON helpers of the report package (the run-directory files themselves are read by
 * {@code dev.soak.checkpoint.RunDirectoryReader}). Stateless; the mapper is thread-safe once built.
 */
final class RunFiles {
    static final ObjectMapper JSON = new ObjectMapper();

    private RunFiles() {
    }
}

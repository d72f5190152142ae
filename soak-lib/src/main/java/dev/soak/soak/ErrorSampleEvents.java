package dev.soak.soak;

import dev.soak.checkpoint.RunDirectory;
import dev.soak.checkpoint.RunEvent;
import dev.soak.load.ErrorSample;
import dev.soak.load.LoadDriver;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the driver's first failure of each kind ({@link LoadDriver#newErrorSamples()}) into
 * {@code error_sample} events and console lines, so that an error rate comes with its reason. Stateless;
 * called by the orchestrator's main thread.
 */
final class ErrorSampleEvents {
    private ErrorSampleEvents() {
    }

    /**
     * Records each failure the driver kept as the first of its kind (operation and error class) since the last
     * call: an {@code error_sample} event with what was sent and what came back, and one console line.
     */
    static void record(LoadDriver driver, RunDirectory run, ProgressView view, double tSec) {
        for (ErrorSample s : driver.newErrorSamples()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("operation", s.operation());
            details.put("error_class", s.errorClass());
            details.put("status", s.status());
            details.put("request", s.request());
            details.put("detail", s.detail());
            run.events().append(RunEvent.warn(tSec, RunEvent.ERROR_SAMPLE, "first failure of its kind: " + s.describe(),
                details));
            view.message("soak: first failure of its kind: " + s.describe());
        }
    }
}

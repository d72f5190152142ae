/**
 * Synthetic soak-test series and the Monte Carlo calibration of the detectors: realistic memory
 * and latency series (warm-up, GC sawtooth, AR(1) noise, spikes, level steps, diurnal load) with
 * known injected leaks and drifts, so that false-alarm and detection rates can be measured.
 */
package dev.soak.detect.sim;

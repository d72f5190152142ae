package dev.soak.checkpoint;

import java.time.OffsetDateTime;

/**
 * One entry of {@code run.json}'s {@code resumes} list: when the run was reopened for appending and
 * what the repair of torn last lines dropped. JSON: {@code at} (ISO-8601 with offset),
 * {@code t_sec} (seconds since the run's start), {@code dropped_bytes}, {@code dropped_lines}.
 * Immutable.
 *
 * @param at            wall-clock time of the resume
 * @param tSec          seconds since the run started
 * @param droppedBytes  bytes cut off torn last lines, over all files
 * @param droppedLines  torn lines cut off, over all files
 */
public record RunResume(OffsetDateTime at, double tSec, long droppedBytes, int droppedLines) {
}

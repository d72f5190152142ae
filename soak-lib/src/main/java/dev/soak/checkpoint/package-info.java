/**
 * The run directory: its writers ({@link dev.soak.checkpoint.RunDirectory}), its tolerant readers
 * ({@link dev.soak.checkpoint.RunDirectoryReader}), its value records and Tablesaw views
 * ({@link dev.soak.checkpoint.RunTables}).
 *
 * <p>The format of every file (layout, field names, units, crash and resume rules) is documented
 * in one place: the class documentation of {@link dev.soak.checkpoint.RunDirectory}.
 */
package dev.soak.checkpoint;

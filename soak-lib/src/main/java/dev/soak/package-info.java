/** Soak: sustained load, resource sampling and trend statistics for long-running tests. */
package dev.soak;

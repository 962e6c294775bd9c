/**
 * Measuring the matcher: a labelled synthetic population with realistic typing errors, and precision and recall
 * over it (used by the benchmarks and the matcher's tests, not by the running service).
 */
package org.statehub.conflict.quality;

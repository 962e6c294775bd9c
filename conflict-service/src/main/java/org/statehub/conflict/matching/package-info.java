/**
 * The duplicate matcher, pure and in memory: name folding, nicknames, phonetic codes, blocking keys, name
 * frequencies and the field-by-field comparison that scores two students. No I/O; the detection job and the
 * benchmarks use it alike.
 */
package org.statehub.conflict.matching;

/**
 * Merges of duplicate students and their splits: request, approval by a second administrator, and the runner that
 * carries them out step by step through the owning services' APIs, resumable after a crash. Transactions are
 * owned here; SQL lives in the persistence package.
 */
package org.statehub.conflict.merge;

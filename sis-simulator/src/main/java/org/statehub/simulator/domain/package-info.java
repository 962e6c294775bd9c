/**
 * A generated district and what can happen to it: students, enrollments and the rest as the vendor names them,
 * vendor codes, changes and faults. Knows nothing of the hub.
 */
package org.statehub.simulator.domain;

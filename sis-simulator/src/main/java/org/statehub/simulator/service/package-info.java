/**
 * The district the simulator serves and the faults injected into its answers.
 */
package org.statehub.simulator.service;

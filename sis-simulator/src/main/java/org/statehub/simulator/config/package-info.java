/**
 * The simulator's settings.
 */
package org.statehub.simulator.config;

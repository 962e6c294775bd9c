/**
 * The stand-in SIS vendor's HTTP face: the vendor API the feed pulls (records, templates, paging, behind an API
 * key), the test-control API (district, changes, faults) and the vendor's own error bodies, as a vendor would
 * have them.
 */
package org.statehub.simulator.api;

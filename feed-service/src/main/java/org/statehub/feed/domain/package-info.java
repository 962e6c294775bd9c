/**
 * feed-service's types without I/O: run, trigger, outbox and operation states as enums stored as the same words,
 * records that replace rows and tuples (runs, held runs, outbox rows, data errors, connections as shown), and the
 * rules that need no database: the safety hold (HoldRule) and a delivery's outcome (DeliveryOutcome).
 */
package org.statehub.feed.domain;

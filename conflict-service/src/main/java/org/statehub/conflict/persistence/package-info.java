/**
 * conflict-service's SQL, and only SQL: duplicate pairs and their history, conflicts between LEAs, student
 * profiles and blocking keys, merges with their before-images, steps and events, the worklist reads and the
 * caller's scope. Every store is a singleton bean its callers receive by injection; every method works on the
 * connection it is given, so the caller decides the transaction.
 */
package org.statehub.conflict.persistence;

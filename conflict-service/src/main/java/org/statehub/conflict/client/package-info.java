/**
 * The Ed-Fi APIs of student-service and enrollment-service as conflict-service calls them, directly and with its
 * own token: the writes of conflict resolutions, merges and splits.
 */
package org.statehub.conflict.client;

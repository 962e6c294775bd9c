/**
 * conflict-service's HTTP resources: the duplicate worklist (/conflicts/v1/duplicates), conflicts between LEAs
 * (/conflicts/v1/conflicts) and merges and splits (/conflicts/v1/merges). Each resource reads the request and the
 * caller, calls a service and maps its outcome to a problem-details answer or a view; the views (DuplicateView,
 * MergeView) are the JSON shapes of the API.
 */
package org.statehub.conflict.api;

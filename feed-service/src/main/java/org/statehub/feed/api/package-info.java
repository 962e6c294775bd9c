/**
 * feed-service's HTTP resources (/feed/v1): connections, code mappings, pulls and previews, pushes, runs and
 * their decisions, the data-error queue, resync jobs and the daily status. Thin: each parses the request, calls a
 * service and maps its sealed Outcome to HTTP in one place (FeedResponses) with hub-http's problem details. No
 * SQL here.
 */
package org.statehub.feed.api;

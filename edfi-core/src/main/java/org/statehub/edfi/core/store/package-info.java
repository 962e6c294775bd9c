/**
 * SQL over the document tables of a service's schema: documents, tombstones, key changes and the query criteria
 * and filters that reads build. Every method works on the connection it is given.
 */
package org.statehub.edfi.core.store;

/**
 * Validation of request bodies against the contract's JSON Schemas and the rules a schema cannot say (item
 * uniqueness, limits on values PostgreSQL and Ed-Fi clients can hold), with error messages keyed by JSON path and
 * capped in number.
 */
package org.statehub.edfi.core.validation;

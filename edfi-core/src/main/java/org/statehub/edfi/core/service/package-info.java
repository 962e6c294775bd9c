/**
 * The engine's write and read sides without HTTP: upserts, replaces and deletes in one transaction each
 * (DocumentService), reads, paging and change queries (QueryService), relationship-based authorization as SQL
 * conditions, natural keys, ETags, reference links and the sealed set of write outcomes (WriteResult).
 */
package org.statehub.edfi.core.service;

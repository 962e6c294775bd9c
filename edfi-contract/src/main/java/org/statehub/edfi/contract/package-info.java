/**
 * The Ed-Fi contract as data and its readers: the resources the hub serves with their JSON Schemas, natural keys,
 * references, descriptors and collections (ResourceCatalog, from resources.json), the load order computed from
 * their references, JSON paths and the URL words of the API. Depends on nothing else of the hub.
 */
package org.statehub.edfi.contract;

/**
 * Claim sets as data (docs/decisions/0020, part 3): the claims hierarchy of the hub's resources with each claim's
 * default authorization strategies ({@link ClaimsHierarchy}), claim sets in the Ed-Fi Admin API's shape
 * ({@link ClaimSet}), and what a claim set resolves to: for each resource and action, granted or not, and by which
 * strategies ({@link ClaimSetMatrix}). No beans, so the gateway and the services use the same objects.
 */
package org.statehub.edfi.contract.security;

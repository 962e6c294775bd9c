/**
 * The gateway's own logic: clients and their secrets, signing keys and tokens, rate limits, whether a client is
 * still in good standing, organization names for token info, and the calls it makes to every data service at once
 * (change versions, access logs, health).
 */
package org.statehub.gateway.service;

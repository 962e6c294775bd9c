package org.statehub.gateway.persistence;

import java.util.List;

/**
 * An application of the Admin API as stored: an {@code api_client} row with its integer id, its vendor (none once
 * its vendor was deleted) and the ODS instance ids sent for it.
 */
public record Application(int id, Integer vendorId, List<Integer> odsInstanceIds, ApiClient client) {}

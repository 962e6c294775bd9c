/**
 * Publishing the outbox to the hub through the gateway, as the connection's publishing client: claims rows a
 * dependency rank at a time by a lease (no transaction open while the hub is called), sends upserts in bulk and
 * deletes and key changes one by one, and records each row's fate (delivered, retried with backoff, rejected into
 * the data-error queue).
 */
package org.statehub.feed.delivery;

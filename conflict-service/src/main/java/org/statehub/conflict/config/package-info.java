/**
 * conflict-service's settings and what it hands edfi-core's engine (it owns no Ed-Fi resource, so no descriptor
 * or remote reference is checked here).
 */
package org.statehub.conflict.config;

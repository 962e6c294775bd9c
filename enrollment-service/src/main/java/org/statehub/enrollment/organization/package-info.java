/**
 * The state education agency of this deployment, stored at first start so the hierarchy of education
 * organizations has its root.
 */
package org.statehub.enrollment.organization;

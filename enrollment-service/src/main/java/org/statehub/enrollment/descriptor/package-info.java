/**
 * enrollment-service owns the descriptor resources: values are looked up in its own documents, and the standard Ed-Fi set is stored at the first start.
 */
package org.statehub.enrollment.descriptor;

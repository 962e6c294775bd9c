/**
 * student-service's descriptor check: values are looked up in its replica of enrollment-service's descriptor
 * resources.
 */
package org.statehub.student.descriptor;

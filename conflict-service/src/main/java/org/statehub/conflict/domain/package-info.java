/**
 * What conflict-service knows of Ed-Fi data, without I/O: the fields on which LEAs may disagree about a student
 * and how each is read and compared.
 */
package org.statehub.conflict.domain;

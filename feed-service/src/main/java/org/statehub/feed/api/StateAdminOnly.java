package org.statehub.feed.api;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Feed administration: endpoints only a {@code StateAdmin} client may call; {@link StateAdminFilter} answers any
 * other caller 403 before the endpoint runs.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface StateAdminOnly {}

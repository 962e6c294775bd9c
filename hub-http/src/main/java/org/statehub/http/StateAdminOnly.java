package org.statehub.http;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Endpoints only a {@code StateAdmin} client may call (the gateway's admin API, feed administration, an engine
 * service's access log and change-version checkpoints): {@link StateAdminFilter} answers any other caller before
 * the endpoint runs, 403 problem details with {@link #value} as the error.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface StateAdminOnly {

    /** The 403's error, what the refused caller reads ("Feed administration needs the hubAdministration grant."). */
    String value();
}

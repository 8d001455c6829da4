package dev.runid.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs every call of the annotated method (or of every public method of the annotated
 * class) as a new run of its own: a fresh run ID current in {@code RunContext} and the
 * MDC for the call, with {@link RunScoped} beans living for that call. When a run is
 * already current, the new run is its child.
 * <p>
 * For entry points outside requests: message listeners, {@code CommandLineRunner}s, jobs
 * started by hand. {@code @Scheduled} methods get the same treatment without this
 * annotation (see {@code run-id.scheduling.enabled}). Works on Spring beans that can be
 * proxied (not on {@code final} classes or methods, nor on calls from within the same
 * object).
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface NewRun {

}

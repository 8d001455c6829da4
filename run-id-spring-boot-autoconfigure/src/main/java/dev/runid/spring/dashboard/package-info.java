/**
 * The run dashboard: a page, its static files and JSON resources that show the runs of a
 * {@link dev.runid.spring.registry.RunRegistry}, served by the application on Spring MVC
 * or Spring WebFlux.
 */
@NullMarked
package dev.runid.spring.dashboard;

import org.jspecify.annotations.NullMarked;

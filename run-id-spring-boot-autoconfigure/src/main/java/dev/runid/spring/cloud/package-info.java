/**
 * Spring Cloud integration: the run travels through Spring Cloud Gateway's routes (server
 * WebFlux and server WebMVC) and OpenFeign clients.
 */
@NullMarked
package dev.runid.spring.cloud;

import org.jspecify.annotations.NullMarked;

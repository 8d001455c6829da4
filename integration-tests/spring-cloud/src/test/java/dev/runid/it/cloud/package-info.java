/**
 * Integration tests of run-id with Spring Cloud Gateway, OpenFeign and LoadBalancer.
 */
@NullMarked
package dev.runid.it.cloud;

import org.jspecify.annotations.NullMarked;

/**
 * The actuator endpoint {@code runs} of the run registry.
 */
@NullMarked
package dev.runid.spring.registry.actuate;

import org.jspecify.annotations.NullMarked;

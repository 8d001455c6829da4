/**
 * Carrying runs through Reactor pipelines: operators that make a run current where
 * signals arrive, and a scheduler hook that carries it across thread hops.
 */
@NullMarked
package dev.runid.spring.reactor;

import org.jspecify.annotations.NullMarked;

/**
 * Forwarding the current run to downstream services from HTTP clients.
 */
@NullMarked
package dev.runid.spring.client;

import org.jspecify.annotations.NullMarked;

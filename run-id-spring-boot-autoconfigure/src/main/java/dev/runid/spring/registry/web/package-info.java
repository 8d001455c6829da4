/**
 * What the run registry records from web requests beyond the run-id filters: the
 * principal's name.
 */
@NullMarked
package dev.runid.spring.registry.web;

import org.jspecify.annotations.NullMarked;

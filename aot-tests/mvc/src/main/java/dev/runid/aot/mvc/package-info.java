/**
 * A Spring MVC application with the run-id starter, for the tests in AOT mode.
 */
@NullMarked
package dev.runid.aot.mvc;

import org.jspecify.annotations.NullMarked;

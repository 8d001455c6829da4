/**
 * A Spring MVC application with the run-id starter and the JDBC store of the run
 * registry, for the tests in AOT mode.
 */
@NullMarked
package dev.runid.aot.jdbc;

import org.jspecify.annotations.NullMarked;

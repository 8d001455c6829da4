/**
 * Support for the tests of applications processed ahead of time.
 */
@NullMarked
package dev.runid.aot;

import org.jspecify.annotations.NullMarked;

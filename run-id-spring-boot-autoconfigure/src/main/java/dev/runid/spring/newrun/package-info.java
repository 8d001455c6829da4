/**
 * New runs for methods: the advice behind {@link dev.runid.spring.NewRun}.
 */
@NullMarked
package dev.runid.spring.newrun;

import org.jspecify.annotations.NullMarked;

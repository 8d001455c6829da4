/**
 * Task decoration: executors and schedulers run each task in the run that submitted it.
 */
@NullMarked
package dev.runid.spring.task;

import org.jspecify.annotations.NullMarked;

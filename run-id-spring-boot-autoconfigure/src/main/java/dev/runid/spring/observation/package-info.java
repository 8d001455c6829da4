/**
 * The run on Micrometer observations, and so on the spans of Micrometer Tracing.
 */
@NullMarked
package dev.runid.spring.observation;

import org.jspecify.annotations.NullMarked;

/**
 * Token usage of the LLM calls made in a run: the value type and the listener that
 * consumers of usage (the run registry) implement.
 */
@NullMarked
package dev.runid.spring.usage;

import org.jspecify.annotations.NullMarked;

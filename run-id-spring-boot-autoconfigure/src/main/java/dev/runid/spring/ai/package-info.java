/**
 * The run in Spring AI: LLM requests that carry it, tools and advisors that run in it,
 * and the token usage of its chat calls.
 */
@NullMarked
package dev.runid.spring.ai;

import org.jspecify.annotations.NullMarked;

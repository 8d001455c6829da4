/**
 * The samples' stand-in for an OpenAI-compatible LLM: deterministic answers, tool calls
 * and token usage over the chat-completions protocol, on a loopback port of its own.
 */
@NullMarked
package dev.runid.samples.stubllm;

import org.jspecify.annotations.NullMarked;

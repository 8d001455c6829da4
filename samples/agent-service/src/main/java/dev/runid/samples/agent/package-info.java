/**
 * Sample agent service: one agent run per request, whose every log line, tool call, LLM
 * request and sub-agent carries one run ID.
 */
@NullMarked
package dev.runid.samples.agent;

import org.jspecify.annotations.NullMarked;

/**
 * Sample reactive agent service: one agent run per request, whose pipeline hops threads
 * while every log line, tool call, LLM request and sub-agent carries one run ID.
 */
@NullMarked
package dev.runid.samples.reactiveagent;

import org.jspecify.annotations.NullMarked;

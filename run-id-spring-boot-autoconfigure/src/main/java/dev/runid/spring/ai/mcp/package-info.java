/**
 * The run across the Model Context Protocol: MCP clients send it in every request's
 * {@code _meta} (and as headers on HTTP transports), MCP servers run tools, resources and
 * prompts in the caller's run.
 */
@NullMarked
package dev.runid.spring.ai.mcp;

import org.jspecify.annotations.NullMarked;

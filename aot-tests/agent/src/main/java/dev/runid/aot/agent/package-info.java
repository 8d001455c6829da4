/**
 * A Spring AI agent and MCP server with the run-id starter, for the tests in AOT mode.
 */
@NullMarked
package dev.runid.aot.agent;

import org.jspecify.annotations.NullMarked;

/**
 * An application whose MCP client talks to an MCP server over STDIO, with the run-id
 * starter, for the tests in AOT mode.
 */
@NullMarked
package dev.runid.aot.mcpstdio.client;

import org.jspecify.annotations.NullMarked;

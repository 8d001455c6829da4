/**
 * An MCP server over STDIO with the run-id starter, for the tests in AOT mode.
 */
@NullMarked
package dev.runid.aot.mcpstdio.server;

import org.jspecify.annotations.NullMarked;

/**
 * An MCP tool server that reports the run each call runs in.
 */
@NullMarked
package dev.runid.it.mcp.server;

import org.jspecify.annotations.NullMarked;

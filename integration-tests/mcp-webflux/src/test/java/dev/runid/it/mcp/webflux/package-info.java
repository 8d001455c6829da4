/**
 * Tests of run-id with Spring AI's MCP server and client on WebFlux.
 */
@NullMarked
package dev.runid.it.mcp.webflux;

import org.jspecify.annotations.NullMarked;

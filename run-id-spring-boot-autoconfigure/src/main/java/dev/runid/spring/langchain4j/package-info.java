/**
 * Forwarding the current run from LangChain4j: its chat and other models' HTTP clients
 * and its MCP client.
 */
@NullMarked
package dev.runid.spring.langchain4j;

import org.jspecify.annotations.NullMarked;

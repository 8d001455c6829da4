package dev.runid.it.mcp.webflux;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The MCP tool server of the tests: Spring AI's MCP server auto-configuration on WebFlux
 * (Streamable HTTP or SSE, by {@code spring.ai.mcp.server.protocol}) with the run-id
 * starter, serving {@link RunTools}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ RunTools.class, RunLedger.class })
class ToolServer {

}

package dev.runid.it.mcp.webflux;

/**
 * The run across a WebFlux MCP server and a {@code WebClient} MCP client over the SSE
 * transport (deprecated by Spring AI 2, still served).
 */
class McpWebFluxSseTests extends McpWebFluxTransportTests {

	@Override
	String serverProtocol() {
		return "SSE";
	}

	@Override
	String clientConnectionUrlProperty() {
		return "spring.ai.mcp.client.sse.connections.tools.url";
	}

}

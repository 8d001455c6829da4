package dev.runid.it.mcp.webflux;

/**
 * The run across a WebFlux MCP server and a {@code WebClient} MCP client over Streamable
 * HTTP.
 */
class McpWebFluxStreamableHttpTests extends McpWebFluxTransportTests {

	@Override
	String serverProtocol() {
		return "STREAMABLE";
	}

	@Override
	String clientConnectionUrlProperty() {
		return "spring.ai.mcp.client.streamable-http.connections.tools.url";
	}

}

package dev.runid.spring.ai.mcp;

import io.modelcontextprotocol.client.McpClient;

import org.springframework.ai.mcp.customizer.McpClientCustomizer;
import org.springframework.core.Ordered;

/**
 * Makes Spring AI's synchronous MCP clients capture the current run on the calling thread
 * for every request ({@link RunIdMcpTransportContext#capture()}), so that the request's
 * {@code _meta} and HTTP headers carry it whichever thread the SDK sends on.
 * <p>
 * The SDK keeps one transport context provider per client: this customizer runs first
 * ({@link Ordered#HIGHEST_PRECEDENCE}), so a customizer of the application that sets its
 * own provider replaces it; requests then carry the run only when the SDK sends them on
 * the calling thread.
 */
public final class RunIdMcpSyncClientCustomizer implements McpClientCustomizer<McpClient.SyncSpec>, Ordered {

	@Override
	public void customize(String name, McpClient.SyncSpec spec) {
		spec.transportContextProvider(RunIdMcpTransportContext::capture);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}

package dev.runid.aot.mcpstdio.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Calls the STDIO server's tool {@code whoami} through the MCP client, in the request's
 * run or from a thread outside any run, and answers with what the tool saw.
 */
@RestController
class WhoamiController {

	private final List<McpSyncClient> clients;

	WhoamiController(@Qualifier("mcpSyncClients") List<McpSyncClient> clients) {
		this.clients = clients;
	}

	@GetMapping("/whoami")
	String whoami() {
		return call();
	}

	@GetMapping("/whoami/without-run")
	String whoamiWithoutRun() throws InterruptedException {
		AtomicReference<String> answer = new AtomicReference<>();
		Thread caller = new Thread(() -> answer.set(call()), "caller-without-run");
		caller.start();
		caller.join(TimeUnit.SECONDS.toMillis(60));
		return answer.get();
	}

	private String call() {
		McpSchema.CallToolResult result = this.clients.get(0)
			.callTool(new McpSchema.CallToolRequest("whoami", Map.of()));
		return ((McpSchema.TextContent) result.content().get(0)).text();
	}

}

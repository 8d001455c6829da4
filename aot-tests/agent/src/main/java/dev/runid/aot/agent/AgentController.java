package dev.runid.aot.agent;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.mcp.SyncMcpToolCallbackProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs the agent on a task: one chat call in which the model may call the tool, or the
 * tools of the MCP server that the application's MCP client connects to.
 */
@RestController
class AgentController {

	private final ChatClient chatClient;

	private final AgentTools tools;

	private final SyncMcpToolCallbackProvider mcpTools;

	AgentController(ChatClient.Builder chatClient, AgentTools tools, SyncMcpToolCallbackProvider mcpTools) {
		this.chatClient = chatClient.build();
		this.tools = tools;
		this.mcpTools = mcpTools;
	}

	@GetMapping("/agent")
	String agent(@RequestParam String task) {
		return this.chatClient.prompt().user(task).tools(this.tools).call().content();
	}

	@GetMapping("/agent/mcp")
	String agentWithMcpTools(@RequestParam String task) {
		return this.chatClient.prompt().user(task).toolCallbacks(this.mcpTools).call().content();
	}

}

package dev.runid.aot.agent;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs the agent on a task: one chat call in which the model may call the tool.
 */
@RestController
class AgentController {

	private final ChatClient chatClient;

	private final AgentTools tools;

	AgentController(ChatClient.Builder chatClient, AgentTools tools) {
		this.chatClient = chatClient.build();
		this.tools = tools;
	}

	@GetMapping("/agent")
	String agent(@RequestParam String task) {
		return this.chatClient.prompt().user(task).tools(this.tools).call().content();
	}

}

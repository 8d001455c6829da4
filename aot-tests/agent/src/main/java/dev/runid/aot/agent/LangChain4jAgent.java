package dev.runid.aot.agent;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The same agent built with LangChain4j: an AI service on an {@link OpenAiChatModel} made
 * with its builder and default settings, on the stub LLM, with a tool of its own.
 */
@RestController
class LangChain4jAgent {

	private final Assistant assistant;

	LangChain4jAgent(Environment environment, RunLedger ledger) {
		// the stub LLM's address, which it set when it started in this process
		OpenAiChatModel model = OpenAiChatModel.builder()
			.baseUrl(environment.getRequiredProperty("spring.ai.openai.base-url"))
			.apiKey("stub-llm-needs-no-key")
			.modelName("gpt-4o-mini")
			.build();
		this.assistant = AiServices.builder(Assistant.class).chatModel(model).tools(new Tools(ledger)).build();
	}

	@GetMapping("/langchain4j")
	String agent(@RequestParam String task) {
		return this.assistant.chat(task);
	}

	/**
	 * The AI service.
	 */
	interface Assistant {

		String chat(String task);

	}

	/**
	 * The tool the model calls through LangChain4j.
	 */
	static final class Tools {

		private static final Logger logger = LoggerFactory.getLogger(Tools.class);

		private final RunLedger ledger;

		Tools(RunLedger ledger) {
			this.ledger = ledger;
		}

		@Tool("Searches the web and answers with the top result")
		String search(@P("the search query") String query) {
			logger.info("langchain4j tool search called");
			return RunSeen.describe(this.ledger);
		}

	}

}

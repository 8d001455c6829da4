package dev.runid.aot.agent;

import dev.runid.RunContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.stereotype.Component;

/**
 * The tool the model calls through Spring AI; it answers with the run it runs in, which
 * the stub LLM hands back as its answer.
 */
@Component
class AgentTools {

	private static final Logger logger = LoggerFactory.getLogger(AgentTools.class);

	private final RunLedger ledger;

	AgentTools(RunLedger ledger) {
		this.ledger = ledger;
	}

	@Tool(description = "Searches the web and answers with the top result")
	String search(@ToolParam(description = "the search query") String query) {
		logger.info("tool search called");
		RunContext.setAttribute("tool", "search");
		return RunSeen.describe(this.ledger);
	}

}

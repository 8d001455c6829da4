package dev.runid.aot.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.stereotype.Component;

/**
 * The tool of the application's MCP server; it answers with the run the call runs in.
 */
@Component
public class McpTools {

	private static final Logger logger = LoggerFactory.getLogger(McpTools.class);

	private final RunLedger ledger;

	McpTools(RunLedger ledger) {
		this.ledger = ledger;
	}

	@McpTool(name = "whoami", description = "Tells which run this tool call runs in")
	public String whoami() {
		logger.info("tool whoami called");
		return RunSeen.describe(this.ledger);
	}

}

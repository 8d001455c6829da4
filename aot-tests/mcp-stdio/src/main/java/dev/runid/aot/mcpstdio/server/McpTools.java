package dev.runid.aot.mcpstdio.server;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.stereotype.Component;

/**
 * The server's tool; it answers with the run the call runs in, as {@link RunContext}, the
 * MDC and a run-scoped bean see it, and logs one line.
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
		RunId runId = RunContext.current().orElse(null);
		String run = (runId != null) ? runId.value() : "none";
		String parent = (runId != null) ? runId.parent().map(RunId::value).orElse("none") : "none";
		String scoped = (runId != null) ? this.ledger.createdIn() : "none";
		return "run=" + run + " parent=" + parent + " mdc=" + MDC.get("runId") + " scoped=" + scoped;
	}

}

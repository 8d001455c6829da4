package dev.runid.it.mcp.webflux;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.MDC;

import org.springframework.ai.mcp.annotation.McpTool;

/**
 * The tool server's tool: answers with the run it runs in, as {@link RunContext}, the MDC
 * and a {@code @RunScoped} bean see it, and logs one line.
 */
class RunTools {

	private static final Log logger = LogFactory.getLog(RunTools.class);

	private final RunLedger ledger;

	RunTools(RunLedger ledger) {
		this.ledger = ledger;
	}

	@McpTool(name = "whoami", description = "Tells which run this tool call runs in")
	public String whoami() {
		logger.info("tool whoami called");
		RunId runId = RunContext.current().orElse(null);
		String run = (runId != null) ? runId.value() : "none";
		String parent = (runId != null) ? runId.parent().map(RunId::value).orElse("none") : "none";
		String scoped = (runId != null) ? this.ledger.createdIn() : "none";
		return "run=" + run + " parent=" + parent + " mdc=" + MDC.get("runId") + " scoped=" + scoped + " thread="
				+ Thread.currentThread().getName();
	}

}

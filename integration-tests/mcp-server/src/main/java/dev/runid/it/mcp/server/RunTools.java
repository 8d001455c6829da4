package dev.runid.it.mcp.server;

import java.util.List;

import dev.runid.RunContext;
import dev.runid.RunId;
import io.modelcontextprotocol.spec.McpSchema;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.MDC;

import org.springframework.ai.mcp.annotation.McpPrompt;
import org.springframework.ai.mcp.annotation.McpResource;
import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.stereotype.Component;

/**
 * The server's tool, resource and prompt: each answers with the run it runs in, as
 * {@link RunContext}, the MDC and a {@code @RunScoped} bean see it, and logs one line.
 */
@Component
public class RunTools {

	private static final Log logger = LogFactory.getLog(RunTools.class);

	private final RunLedger ledger;

	RunTools(RunLedger ledger) {
		this.ledger = ledger;
	}

	/**
	 * The tool that the agent's model calls.
	 * @return the run the call runs in
	 */
	@McpTool(name = "whoami", description = "Tells which run this tool call runs in")
	public String whoami() {
		logger.info("tool whoami called");
		return seen();
	}

	/**
	 * A resource that tells the run of the request that reads it.
	 * @return the resource
	 */
	@McpResource(uri = "run://current", name = "current-run", description = "The run that reads this resource")
	public McpSchema.ReadResourceResult currentRun() {
		logger.info("resource run://current read");
		return new McpSchema.ReadResourceResult(
				List.of(new McpSchema.TextResourceContents("run://current", "text/plain", seen())));
	}

	/**
	 * A prompt that tells the run of the request that gets it.
	 * @return the prompt
	 */
	@McpPrompt(name = "run-prompt", description = "A prompt that names the run that got it")
	public McpSchema.GetPromptResult runPrompt() {
		logger.info("prompt run-prompt got");
		return new McpSchema.GetPromptResult("the run",
				List.of(new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.TextContent(seen()))));
	}

	private String seen() {
		RunId runId = RunContext.current().orElse(null);
		String run = (runId != null) ? runId.value() : "none";
		String parent = (runId != null) ? runId.parent().map(RunId::value).orElse("none") : "none";
		String mdc = MDC.get("runId");
		String scoped = (runId != null) ? this.ledger.createdIn() : "none";
		return "run=" + run + " parent=" + parent + " mdc=" + mdc + " scoped=" + scoped + " thread="
				+ Thread.currentThread().getName();
	}

}

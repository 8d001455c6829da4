package dev.runid.it.mcp.server;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.RunScoped;

import org.springframework.stereotype.Component;

/**
 * A {@code @RunScoped} bean: one instance per run, which remembers the run it was created
 * in, so that a tool shows whether run-scoped beans work inside it.
 */
@Component
@RunScoped
public class RunLedger {

	private final String createdIn = RunContext.current().map(RunId::value).orElse("none");

	/**
	 * The run this instance was created in.
	 * @return the run ID, or {@code none}
	 */
	public String createdIn() {
		return this.createdIn;
	}

}

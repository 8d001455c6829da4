package dev.runid.it.mcp.webflux;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.RunScoped;

/**
 * A {@code @RunScoped} bean that remembers the run it was created in, so that the tool
 * shows whether run-scoped beans work inside it.
 */
@RunScoped
class RunLedger {

	private final String createdIn = RunContext.current().map(RunId::value).orElse("none");

	String createdIn() {
		return this.createdIn;
	}

}

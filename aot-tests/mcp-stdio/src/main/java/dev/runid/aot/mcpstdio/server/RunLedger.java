package dev.runid.aot.mcpstdio.server;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.RunScoped;

import org.springframework.stereotype.Component;

/**
 * A {@code @RunScoped} bean: one instance per run, which remembers the run it was created
 * in.
 */
@Component
@RunScoped
public class RunLedger {

	private final String createdIn = RunContext.current().map(RunId::value).orElse("none");

	public String createdIn() {
		return this.createdIn;
	}

}

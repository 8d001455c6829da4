package dev.runid.aot.webflux;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.NewRun;

import org.springframework.stereotype.Component;

/**
 * Work that starts a run of its own: a {@code @NewRun} method.
 */
@Component
public class RunTasks {

	@NewRun
	public String child() {
		RunId run = RunContext.current().orElseThrow();
		return run.value() + " parent=" + run.parent().map(RunId::value).orElse("none");
	}

}

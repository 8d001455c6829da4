package dev.runid.aot.jdbc;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.NewRun;

import org.springframework.stereotype.Component;

/**
 * A {@code @NewRun} method: each call is a child run of the caller's run.
 */
@Component
public class OrderChecks {

	@NewRun
	public String check() {
		return RunContext.current().map(RunId::value).orElseThrow();
	}

}

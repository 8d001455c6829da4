package dev.runid.spring.slice.mvc;

import java.util.concurrent.ConcurrentLinkedQueue;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.RunScoped;
import jakarta.annotation.PreDestroy;

import org.springframework.stereotype.Component;

/**
 * A {@code @RunScoped} bean: one instance per run, destroyed when the run ends.
 */
@Component
@RunScoped
class RunNotes {

	static final ConcurrentLinkedQueue<String> destroyed = new ConcurrentLinkedQueue<>();

	private final String run = RunContext.current().map(RunId::value).orElse("none");

	String runOfThisInstance() {
		return this.run;
	}

	@PreDestroy
	void destroy() {
		destroyed.add(this.run);
	}

}

package dev.runid.test.example;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.RunScoped;
import jakarta.annotation.PreDestroy;

import org.springframework.stereotype.Component;

/**
 * A {@code @RunScoped} bean: what one run did, destroyed when the run ends.
 */
@Component
@RunScoped
class UsageLedger {

	static final ConcurrentLinkedQueue<String> destroyed = new ConcurrentLinkedQueue<>();

	private final String run = RunContext.current().map(RunId::value).orElse("none");

	private final ConcurrentLinkedQueue<String> calls = new ConcurrentLinkedQueue<>();

	void record(String call) {
		this.calls.add(call);
	}

	List<String> calls() {
		return List.copyOf(this.calls);
	}

	@PreDestroy
	void destroy() {
		destroyed.add(this.run + "=" + this.calls);
	}

}

package dev.runid.aot.webflux;

import java.util.concurrent.atomic.AtomicInteger;

import dev.runid.RunContext;
import dev.runid.spring.RunScoped;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * A run-scoped bean behind a class-based proxy: counts the calls of one run and logs the
 * count when the run ends.
 */
@Component
@RunScoped
public class RunLedger {

	private static final Logger logger = LoggerFactory.getLogger(RunLedger.class);

	private final String runId = RunContext.current().map(Object::toString).orElse("none");

	private final AtomicInteger calls = new AtomicInteger();

	public int record() {
		return this.calls.incrementAndGet();
	}

	@PreDestroy
	void close() {
		logger.info("ledger of run {} closed after {} calls", this.runId, this.calls.get());
	}

}

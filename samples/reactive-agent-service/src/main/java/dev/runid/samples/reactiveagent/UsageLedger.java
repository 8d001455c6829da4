package dev.runid.samples.reactiveagent;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.runid.MdcKeys;
import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.RunScoped;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.stereotype.Component;

/**
 * LLM calls and tokens of one run. One instance per run ID ({@link RunScoped}): the agent
 * and its sub-agent each have their own. When the run ends (the request's pipeline, or
 * the sub-agent's {@code Mono}, has terminated), run-id destroys the instance and it logs
 * one {@code usage_summary} line. Thread-safe: the pipeline records on whichever thread
 * the LLM's answer arrives.
 */
@Component
@RunScoped
class UsageLedger {

	private static final Logger logger = LoggerFactory.getLogger(UsageLedger.class);

	private final RunId runId;

	private final AtomicInteger llmCalls = new AtomicInteger();

	private final AtomicLong promptTokens = new AtomicLong();

	private final AtomicLong completionTokens = new AtomicLong();

	private final AtomicLong totalTokens = new AtomicLong();

	UsageLedger() {
		this.runId = RunContext.current().orElseThrow();
	}

	void record(ChatCompletion.@Nullable Usage usage) {
		this.llmCalls.incrementAndGet();
		if (usage != null) {
			this.promptTokens.addAndGet(usage.promptTokens());
			this.completionTokens.addAndGet(usage.completionTokens());
			this.totalTokens.addAndGet(usage.totalTokens());
		}
	}

	@PreDestroy
	void logSummary() {
		// called on whichever thread ended the run, whose MDC may hold another run or
		// none by then, so put this run there for this one line
		MdcKeys keys = RunContext.mdcKeys();
		String previousRunId = MDC.get(keys.runId());
		String previousParentRunId = MDC.get(keys.parentRunId());
		put(keys.runId(), this.runId.value());
		put(keys.parentRunId(), this.runId.parent().map(RunId::value).orElse(null));
		try {
			logger.info("usage_summary llm_calls={} prompt_tokens={} completion_tokens={} total_tokens={}",
					this.llmCalls.get(), this.promptTokens.get(), this.completionTokens.get(), this.totalTokens.get());
		}
		finally {
			put(keys.runId(), previousRunId);
			put(keys.parentRunId(), previousParentRunId);
		}
	}

	private static void put(String key, @Nullable String value) {
		if (value != null) {
			MDC.put(key, value);
		}
		else {
			MDC.remove(key);
		}
	}

}

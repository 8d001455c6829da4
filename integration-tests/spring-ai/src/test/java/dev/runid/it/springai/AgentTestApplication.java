package dev.runid.it.springai;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.usage.RunUsage;
import dev.runid.spring.usage.RunUsageListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Boot 4.1 application with the run-id starter and Spring AI: the model is chosen by
 * {@code spring.ai.model.chat}, and points at a {@link StubLlmServer}.
 */
@SpringBootApplication
class AgentTestApplication {

	@Bean
	WeatherTools weatherTools() {
		return new WeatherTools();
	}

	@Bean
	RecordingUsageListener recordingUsageListener() {
		return new RecordingUsageListener();
	}

	/**
	 * A tool that records the run and the MDC it is called with.
	 */
	static final class WeatherTools {

		private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

		@Tool(description = "The weather in a city")
		String weather(String city) {
			this.calls.add(new Call(RunContext.current().orElse(null), MDC.get("runId"), MDC.get("parentRunId"),
					Thread.currentThread().getName()));
			return "sunny in " + city;
		}

		List<Call> calls() {
			return List.copyOf(this.calls);
		}

		void clear() {
			this.calls.clear();
		}

		record Call(@Nullable RunId runId, @Nullable String mdcRunId, @Nullable String mdcParentRunId, String thread) {
		}

	}

	/**
	 * A {@link RunUsageListener} that records what it is told, as the run registry is.
	 */
	static final class RecordingUsageListener implements RunUsageListener {

		private final ConcurrentLinkedQueue<Recorded> recorded = new ConcurrentLinkedQueue<>();

		@Override
		public void usageRecorded(RunId runId, RunUsage usage) {
			this.recorded.add(new Recorded(runId, usage));
		}

		List<Recorded> recorded() {
			return List.copyOf(this.recorded);
		}

		void clear() {
			this.recorded.clear();
		}

		record Recorded(RunId runId, RunUsage usage) {
		}

	}

}

package dev.runid.it.springai;

import java.util.Map;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.junit.jupiter.api.Test;

import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ChatModelTests} with Spring AI's OpenAi chat model.
 */
class OpenAiChatModelTests extends ChatModelTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		stubProperties(registry, "openai");
		registry.add("spring.ai.openai.chat.model", () -> "stub-gpt");
	}

	@Test
	void aRunHeaderTheCallerSetsWins() {
		RunId runId = RunId.generate(RunId.generate());
		try (RunContext scope = RunContext.enter(runId)) {
			chat().prompt()
				.user(prompt(runId, "Hello"))
				.options(OpenAiChatOptions.builder().customHeaders(Map.of("X-Run-Id", "caller-chosen")))
				.call()
				.content();
			chat().prompt()
				.user(prompt(runId, "Hello"))
				.options(OpenAiChatOptions.builder().customHeaders(Map.of("X-Run-Id", "caller-chosen")))
				.stream()
				.content()
				.blockLast();
		}
		assertThat(stub.requests()).hasSize(2).allSatisfy((request) -> {
			assertThat(request.runId()).isEqualTo("caller-chosen");
			assertThat(request.parentRunId()).isEqualTo(runId.parent().get().value());
		});
	}

	@Override
	boolean directStreamCarriesTheRun() {
		// the OpenAI SDK sends a streaming request from the common ForkJoinPool
		// (thenComposeAsync without an executor), where no run is current and no hook
		// reaches: only ChatClient's advisor, which puts the run into the options, covers
		// it
		return false;
	}

}

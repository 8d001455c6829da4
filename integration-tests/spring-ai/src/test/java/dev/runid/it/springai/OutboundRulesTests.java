package dev.runid.it.springai;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.it.springai.AgentTestApplication.WeatherTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run-id.outbound.allowed-hosts} holds for the LLM requests of Spring AI: a model
 * on a host that is not on the list gets no run, in {@code call()} and {@code stream()},
 * while the tools still run in the run.
 */
@SpringBootTest(classes = AgentTestApplication.class, properties = { "spring.main.web-application-type=none",
		"run-id.outbound.allowed-hosts=api.example.com,*.example.org" })
class OutboundRulesTests {

	static final StubLlmServer stub = start();

	@Autowired
	ChatClient.Builder builder;

	@Autowired
	WeatherTools tools;

	private static StubLlmServer start() {
		try {
			return new StubLlmServer();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.model.chat", () -> "openai");
		registry.add("spring.ai.openai.api-key", () -> "test-key");
		registry.add("spring.ai.openai.base-url", stub::url);
		registry.add("spring.ai.openai.chat.model", () -> "stub-gpt");
	}

	@AfterAll
	static void stopStub() {
		stub.close();
	}

	@BeforeEach
	void clear() {
		stub.clear();
		this.tools.clear();
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void aHostThatIsNotAllowedGetsNoRun(boolean stream) {
		RunId runId = RunId.generate(RunId.generate());
		try (RunContext scope = RunContext.enter(runId)) {
			ChatClient.ChatClientRequestSpec request = this.builder.build()
				.prompt()
				.user("What is the weather in Paris?")
				.tools(this.tools);
			if (stream) {
				request.stream().content().blockLast();
			}
			else {
				request.call().content();
			}
		}
		assertThat(stub.requests()).hasSize(2).allSatisfy((request) -> {
			assertThat(request.runId()).isNull();
			assertThat(request.parentRunId()).isNull();
		});
		assertThat(this.tools.calls()).singleElement().satisfies((call) -> assertThat(call.runId()).isEqualTo(runId));
	}

}

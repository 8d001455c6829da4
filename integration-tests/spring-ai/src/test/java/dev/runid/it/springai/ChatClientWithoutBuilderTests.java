package dev.runid.it.springai;

import java.io.IOException;
import java.util.List;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.it.springai.AgentTestApplication.RecordingUsageListener;
import dev.runid.it.springai.AgentTestApplication.WeatherTools;
import dev.runid.it.springai.StubLlmServer.Recorded;
import dev.runid.spring.ai.RunIdChatClientAdvisor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code ChatClient} that the application creates itself with
 * {@code ChatClient.create(model)} or {@code ChatClient.builder(model)}, not from Spring
 * AI's auto-configured builder, so without run-id's advisor, on Spring AI's OpenAI model
 * (official SDK) against a {@link StubLlmServer}: what still carries the run, and what
 * the advisor added by hand brings back.
 */
@SpringBootTest(classes = AgentTestApplication.class,
		properties = { "logging.pattern.console=[%X{runId:-}] [%X{parentRunId:-}] %m%n",
				"spring.main.web-application-type=none", "spring.ai.model.chat=openai",
				"spring.ai.openai.api-key=test-key", "spring.ai.openai.chat.model=stub-gpt" })
class ChatClientWithoutBuilderTests {

	static final StubLlmServer stub = start();

	@Autowired
	ChatModel chatModel;

	@Autowired
	RunIdChatClientAdvisor runIdChatClientAdvisor;

	@Autowired
	WeatherTools tools;

	@Autowired
	RecordingUsageListener usageListener;

	private static StubLlmServer start() {
		try {
			return new StubLlmServer();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.openai.base-url", stub::url);
	}

	@AfterAll
	static void stopStub() {
		stub.close();
	}

	@BeforeEach
	void clear() {
		stub.clear();
		this.tools.clear();
		this.usageListener.clear();
	}

	@Test
	void callCarriesTheRunToEveryRequestAndToolAndRecordsTheUsage() {
		RunId runId = RunId.generate(RunId.generate());
		String answer;
		try (RunContext scope = RunContext.enter(runId)) {
			answer = ChatClient.create(this.chatModel)
				.prompt()
				.user("What is the weather in Paris? <<" + runId.value() + ">>")
				.tools(this.tools)
				.call()
				.content();
		}
		assertThat(answer).isEqualTo("It is sunny.");
		assertThat(stub.requests()).hasSize(2).allSatisfy((request) -> assertCarries(request, runId));
		assertThat(this.tools.calls()).singleElement().satisfies((call) -> {
			assertThat(call.runId()).isEqualTo(runId);
			assertThat(call.mdcRunId()).isEqualTo(runId.value());
		});
		assertThat(this.usageListener.recorded()).hasSize(2)
			.allSatisfy((recorded) -> assertThat(recorded.runId()).isEqualTo(runId));
	}

	@Test
	void streamWithoutTheAdvisorSendsNoRunAndNeverAnotherOne() {
		RunId runId = RunId.generate(RunId.generate());
		List<String> answer;
		try (RunContext scope = RunContext.enter(runId)) {
			answer = ChatClient.create(this.chatModel)
				.prompt()
				.user("What is the weather in Paris? <<" + runId.value() + ">>")
				.tools(this.tools)
				.stream()
				.content()
				.collectList()
				.block();
		}
		assertThat(String.join("", answer)).isEqualTo("It is sunny.");
		// the SDK sends streaming requests from the common ForkJoinPool and Spring AI
		// runs the tool on boundedElastic: without the advisor neither has the run
		assertThat(stub.requests()).hasSize(2).allSatisfy((request) -> {
			assertThat(request.runId()).isNull();
			assertThat(request.parentRunId()).isNull();
		});
		assertThat(this.tools.calls()).singleElement().satisfies((call) -> {
			assertThat(call.runId()).isNull();
			assertThat(call.mdcRunId()).isNull();
		});
	}

	@Test
	void streamWithTheAdvisorAddedByHandCarriesTheRunToEveryRequestAndTool() {
		RunId runId = RunId.generate(RunId.generate());
		List<String> answer;
		try (RunContext scope = RunContext.enter(runId)) {
			answer = ChatClient.builder(this.chatModel)
				.defaultAdvisors(this.runIdChatClientAdvisor)
				.build()
				.prompt()
				.user("What is the weather in Paris? <<" + runId.value() + ">>")
				.tools(this.tools)
				.stream()
				.content()
				.collectList()
				.block();
		}
		assertThat(String.join("", answer)).isEqualTo("It is sunny.");
		assertThat(stub.requests()).hasSize(2).allSatisfy((request) -> assertCarries(request, runId));
		assertThat(this.tools.calls()).singleElement().satisfies((call) -> {
			assertThat(call.runId()).isEqualTo(runId);
			assertThat(call.mdcRunId()).isEqualTo(runId.value());
		});
		// a stream's model observation stops just after its last signal
		await().untilAsserted(() -> assertThat(this.usageListener.recorded()).hasSize(2)
			.allSatisfy((recorded) -> assertThat(recorded.runId()).isEqualTo(runId)));
	}

	private static void assertCarries(Recorded request, RunId runId) {
		assertThat(request.runId()).isEqualTo(runId.value());
		assertThat(request.parentRunId()).isEqualTo(runId.parent().map(RunId::value).orElse(null));
	}

}

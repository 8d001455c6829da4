package dev.runid.it.springai;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The observations that Spring AI records for a chat with a tool call (the chat client,
 * each advisor, each model round trip, the tool) become Brave spans that carry the run as
 * the tags {@code run.id} and {@code run.parent.id}, in {@code call()} and in
 * {@code stream()}.
 */
@SpringBootTest(classes = { AgentTestApplication.class, SpringAiTracingTests.SpansConfiguration.class },
		properties = { "spring.main.web-application-type=none", "management.tracing.sampling.probability=1.0" })
class SpringAiTracingTests {

	static final StubLlmServer stub = start();

	@Autowired
	ChatClient.Builder builder;

	@Autowired
	WeatherTools tools;

	@Autowired
	FinishedSpans spans;

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
		this.spans.spans.clear();
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void springAiSpansCarryTheRun(boolean stream) {
		RunId parent = RunId.generate();
		RunId runId = RunId.generate(parent);
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
		// chat client, advisors, two model round trips, the tool, the HTTP client
		await().untilAsserted(() -> assertThat(kinds()).contains("chat_client", "advisor", "chat", "tool_call"));
		List<MutableSpan> springAi = this.spans.spans.stream().filter((span) -> kindOf(span) != null).toList();
		assertThat(springAi).allSatisfy((span) -> assertThat(span.tags()).as(span.name())
			.containsEntry("run.id", runId.value())
			.containsEntry("run.parent.id", parent.value()));
	}

	private List<String> kinds() {
		return this.spans.spans.stream().map(SpringAiTracingTests::kindOf).filter((kind) -> kind != null).toList();
	}

	/**
	 * The kind of a Spring AI span: {@code spring.ai.kind} of the chat client, advisor
	 * and tool observations, {@code gen_ai.operation.name} of the model's.
	 */
	private static String kindOf(MutableSpan span) {
		Map<String, String> tags = span.tags();
		return tags.getOrDefault("spring.ai.kind", tags.get("gen_ai.operation.name"));
	}

	static final class FinishedSpans extends SpanHandler {

		final ConcurrentLinkedQueue<MutableSpan> spans = new ConcurrentLinkedQueue<>();

		@Override
		public boolean end(TraceContext context, MutableSpan span, Cause cause) {
			if (cause == Cause.FINISHED) {
				this.spans.add(span);
			}
			return true;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SpansConfiguration {

		@Bean
		FinishedSpans finishedSpans() {
			return new FinishedSpans();
		}

	}

}

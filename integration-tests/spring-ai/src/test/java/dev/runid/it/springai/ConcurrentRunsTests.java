package dev.runid.it.springai;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.it.springai.AgentTestApplication.WeatherTools;
import dev.runid.it.springai.StubLlmServer.Recorded;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many runs chat at once through the OpenAI model (the official SDK on OkHttp, whose
 * dispatcher runs at most five calls per host and queues the rest): every LLM request
 * carries its own run, never another's, and every tool call runs in its own run.
 */
@SpringBootTest(classes = AgentTestApplication.class, properties = "spring.main.web-application-type=none")
class ConcurrentRunsTests {

	private static final int RUNS = 120;

	static final StubLlmServer stub = start();

	@Autowired
	ChatClient.Builder builder;

	@Autowired
	ChatModel chatModel;

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

	@Test
	void everyRequestOfConcurrentChatClientRunsCarriesItsOwnRun() throws Exception {
		ChatClient chat = this.builder.build();
		List<RunId> runs = runConcurrently((runId, index) -> {
			ChatClient.ChatClientRequestSpec request = chat.prompt()
				.user("What is the weather in Paris? <<" + runId.value() + ">>")
				.tools(this.tools);
			String answer = (index % 2 == 0) ? request.call().content()
					: String.join("", request.stream().content().collectList().block());
			assertThat(answer).isEqualTo("It is sunny.");
		});
		// a tool call and its follow-up per run
		assertEveryRequestCarriesTheRunOfItsPrompt(runs, 2 * RUNS);
		assertThat(this.tools.calls()).hasSize(RUNS)
			.allSatisfy((call) -> assertThat(call.runId()).isNotNull().isIn(runs));
		assertThat(this.tools.calls().stream().map(WeatherTools.Call::runId).distinct()).hasSize(RUNS);
		assertThat(this.tools.calls())
			.allSatisfy((call) -> assertThat(call.mdcRunId()).isEqualTo(call.runId().value()));
	}

	@Test
	void everyRequestOfConcurrentChatModelCallsCarriesItsOwnRun() throws Exception {
		List<RunId> runs = runConcurrently(
				(runId, index) -> this.chatModel.call(new Prompt("Hello <<" + runId.value() + ">>")));
		assertEveryRequestCarriesTheRunOfItsPrompt(runs, RUNS);
	}

	@Test
	void everyRequestOfConcurrentChatModelStreamsCarriesItsOwnRunOrNone() throws Exception {
		List<RunId> runs = runConcurrently((runId,
				index) -> this.chatModel.stream(new Prompt("Hello <<" + runId.value() + ">>")).collectList().block());
		// without ChatClient the SDK sends the request on an OkHttp dispatcher thread
		// that
		// does not have the caller's run (see the README): never another run's
		assertThat(stub.requests()).hasSize(runs.size())
			.allSatisfy((request) -> assertThat(request.runId()).isIn(request.marker(), null));
	}

	private List<RunId> runConcurrently(RunTask task) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(32);
		CountDownLatch start = new CountDownLatch(1);
		List<RunId> runs = new ArrayList<>();
		List<CompletableFuture<Void>> done = new ArrayList<>();
		try {
			for (int i = 0; i < RUNS; i++) {
				RunId runId = RunId.generate(RunId.generate());
				runs.add(runId);
				int index = i;
				done.add(CompletableFuture.runAsync(() -> {
					try {
						start.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						throw new IllegalStateException(ex);
					}
					try (RunContext scope = RunContext.enter(runId)) {
						task.run(runId, index);
					}
				}, executor));
			}
			start.countDown();
			CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
		}
		finally {
			executor.shutdownNow();
		}
		return runs;
	}

	private static void assertEveryRequestCarriesTheRunOfItsPrompt(List<RunId> runs, int requests) {
		Map<String, RunId> byValue = runs.stream().collect(Collectors.toMap(RunId::value, Function.identity()));
		List<Recorded> recorded = stub.requests();
		assertThat(recorded).hasSize(requests);
		// one line per wrong request, rather than the whole list of requests
		assertThat(recorded.stream()
			.filter((request) -> !Objects.equals(request.runId(), request.marker())
					|| !Objects.equals(request.parentRunId(), parentOf(byValue.get(request.marker()))))
			.map((request) -> request.marker() + " sent " + request.runId() + " / " + request.parentRunId())).isEmpty();
	}

	private static @Nullable String parentOf(@Nullable RunId runId) {
		return (runId != null) ? runId.parent().map(RunId::value).orElse(null) : "unknown run";
	}

	@FunctionalInterface
	interface RunTask {

		void run(RunId runId, int index);

	}

}

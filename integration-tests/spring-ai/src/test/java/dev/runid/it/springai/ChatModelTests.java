package dev.runid.it.springai;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.RunIdThreadLocalAccessor;
import dev.runid.it.springai.AgentTestApplication.RecordingUsageListener;
import dev.runid.it.springai.AgentTestApplication.WeatherTools;
import dev.runid.it.springai.StubLlmServer.Recorded;
import dev.runid.spring.usage.RunUsage;
import dev.runid.spring.usage.RunUsageLedger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.support.ToolCallbacks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every Spring AI chat model gets from the starter, run against a
 * {@link StubLlmServer} that records the headers of each LLM request: the run on every
 * request of {@code call()} and {@code stream()}, follow-ups after tool calls included;
 * tools that run in the run; the usage of the run's calls. Subclasses pick the model.
 */
@SpringBootTest(classes = AgentTestApplication.class,
		properties = { "logging.pattern.console=[%X{runId:-}] [%X{parentRunId:-}] %m%n",
				"spring.main.web-application-type=none" })
@ExtendWith(OutputCaptureExtension.class)
abstract class ChatModelTests {

	static final StubLlmServer stub = start();

	@Autowired
	ChatClient.Builder builder;

	@Autowired
	ChatModel chatModel;

	@Autowired
	WeatherTools tools;

	@Autowired
	RecordingUsageListener usageListener;

	@Autowired
	RunUsageLedger ledger;

	private static StubLlmServer start() {
		try {
			return new StubLlmServer();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void stubProperties(DynamicPropertyRegistry registry, String model) {
		registry.add("spring.ai.model.chat", () -> model);
		// the OpenAI starter makes its other models (audio, image, ...) whatever the chat
		// model is; they need a key, and get the stub
		registry.add("spring.ai.openai.api-key", () -> "test-key");
		registry.add("spring.ai.openai.base-url", stub::url);
	}

	@AfterAll
	static void stopStub() {
		stub.clear();
	}

	@BeforeEach
	void clear() {
		stub.clear();
		this.tools.clear();
		this.usageListener.clear();
	}

	@Test
	void callSendsTheRunAndItsParent() {
		RunId parent = RunId.generate();
		RunId child = RunId.generate(parent);
		String answer;
		try (RunContext scope = RunContext.enter(child)) {
			answer = chat().prompt().user(prompt(child, "Hello")).call().content();
		}
		assertThat(answer).isEqualTo("It is sunny.");
		assertThat(stub.requests()).singleElement().satisfies((request) -> {
			assertThat(request.runId()).isEqualTo(child.value());
			assertThat(request.parentRunId()).isEqualTo(parent.value());
		});
	}

	@Test
	void streamSendsTheRunAndItsParent() {
		RunId parent = RunId.generate();
		RunId child = RunId.generate(parent);
		List<String> answer;
		try (RunContext scope = RunContext.enter(child)) {
			answer = chat().prompt().user(prompt(child, "Hello")).stream().content().collectList().block();
		}
		assertThat(String.join("", answer)).isEqualTo("It is sunny.");
		assertThat(stub.requests()).singleElement().satisfies((request) -> {
			assertThat(request.runId()).isEqualTo(child.value());
			assertThat(request.parentRunId()).isEqualTo(parent.value());
		});
	}

	@Test
	void callOfTheModelItselfWithoutChatClientSendsTheRunAndItsParent() {
		RunId parent = RunId.generate();
		RunId child = RunId.generate(parent);
		ChatResponse response;
		try (RunContext scope = RunContext.enter(child)) {
			response = this.chatModel.call(new Prompt(prompt(child, "Hello")));
		}
		assertThat(response.getResult().getOutput().getText()).isEqualTo("It is sunny.");
		assertEveryRequestCarries(child, 1);
	}

	@Test
	void streamOfTheModelItselfWithoutChatClientSendsTheRunAndItsParent() {
		RunId parent = RunId.generate();
		RunId child = RunId.generate(parent);
		List<Optional<RunId>> seen = new CopyOnWriteArrayList<>();
		List<ChatResponse> responses;
		try (RunContext scope = RunContext.enter(child)) {
			responses = this.chatModel.stream(new Prompt(prompt(child, "Hello")))
				.doOnNext((response) -> seen.add(RunContext.current()))
				.collectList()
				.block();
		}
		assertThat(responses).isNotEmpty();
		if (directStreamCarriesTheRun()) {
			assertEveryRequestCarries(child, 1);
		}
		else {
			assertNoRequestCarriesARun(1);
		}
		// the threads that deliver the responses (the client's pools) have this run or
		// none, never one left over from an earlier request
		assertThat(seen).isNotEmpty().allSatisfy((run) -> assertThat(run).isIn(Optional.of(child), Optional.empty()));
	}

	@Test
	void streamOfTheModelItselfWithTheRunInTheReactorContextSendsTheRunAndItsParent() {
		RunId parent = RunId.generate();
		RunId child = RunId.generate(parent);
		// as the run-id WebFilter hands the run to a WebFlux handler that returns the
		// model's stream
		List<ChatResponse> responses = this.chatModel.stream(new Prompt(prompt(child, "Hello")))
			.contextWrite((context) -> context.put(RunIdThreadLocalAccessor.KEY, child))
			.collectList()
			.block();
		assertThat(responses).isNotEmpty();
		if (directStreamCarriesTheRun()) {
			assertEveryRequestCarries(child, 1);
		}
		else {
			assertNoRequestCarriesARun(1);
		}
		assertThat(RunContext.current()).isEmpty();
	}

	@Test
	void concurrentStreamsOfTheModelItselfNeverSendOrSeeAnotherRun() throws Exception {
		int streams = 20;
		ExecutorService callers = Executors.newFixedThreadPool(streams);
		CountDownLatch start = new CountDownLatch(1);
		List<RunId> runs = new ArrayList<>();
		List<Future<List<Optional<RunId>>>> seen = new ArrayList<>();
		try {
			for (int i = 0; i < streams; i++) {
				RunId runId = RunId.generate(RunId.generate());
				runs.add(runId);
				seen.add(callers.submit(() -> {
					start.await();
					List<Optional<RunId>> delivered = new CopyOnWriteArrayList<>();
					try (RunContext scope = RunContext.enter(runId)) {
						this.chatModel.stream(new Prompt(prompt(runId, "Hello")))
							.doOnNext((response) -> delivered.add(RunContext.current()))
							.blockLast();
					}
					return delivered;
				}));
			}
			start.countDown();
			for (int i = 0; i < streams; i++) {
				Optional<RunId> own = Optional.of(runs.get(i));
				assertThat(seen.get(i).get(1, TimeUnit.MINUTES)).isNotEmpty()
					.allSatisfy((run) -> assertThat(run).isIn(own, Optional.empty()));
			}
		}
		finally {
			callers.shutdownNow();
		}
		assertThat(stub.requests()).hasSize(streams).allSatisfy((request) -> {
			RunId own = runs.stream().filter((run) -> run.value().equals(request.marker())).findFirst().orElseThrow();
			if (directStreamCarriesTheRun()) {
				assertThat(request.runId()).isEqualTo(own.value());
				assertThat(request.parentRunId()).isEqualTo(own.parent().get().value());
			}
			else {
				assertThat(request.runId()).isNull();
				assertThat(request.parentRunId()).isNull();
			}
		});
	}

	@Test
	void streamOfTheModelItselfRunsNoToolButHandsTheToolCallToTheCaller() {
		RunId runId = RunId.generate(RunId.generate());
		ChatOptions options = ((ToolCallingChatOptions) this.chatModel.getOptions()).mutate()
			.toolCallbacks(ToolCallbacks.from(this.tools))
			.build();
		List<ChatResponse> responses;
		try (RunContext scope = RunContext.enter(runId)) {
			responses = this.chatModel.stream(new Prompt(prompt(runId, "What is the weather in Paris?"), options))
				.collectList()
				.block();
		}
		// Spring AI 2 runs tools in ChatClient's tool-calling advisor only (where the
		// run-id advisor keeps them in the run): a model's own stream runs none, on no
		// thread, and returns the tool call
		assertThat(responses).anySatisfy((response) -> assertThat(response.hasToolCalls()).isTrue());
		assertThat(this.tools.calls()).isEmpty();
		assertThat(stub.requests()).hasSize(1);
	}

	@Test
	void sendsNoRunOutsideARun() {
		assertThat(chat().prompt().user("Hello <<none>>").call().content()).isEqualTo("It is sunny.");
		assertThat(chat().prompt().user("Hello <<none>>").stream().content().collectList().block()).isNotEmpty();
		assertThat(stub.requests()).hasSize(2).allSatisfy((request) -> {
			assertThat(request.runId()).isNull();
			assertThat(request.parentRunId()).isNull();
		});
	}

	@Test
	void toolRunsInTheRunDuringCallAndTheFollowUpCarriesIt() {
		RunId runId = RunId.generate(RunId.generate());
		String answer;
		try (RunContext scope = RunContext.enter(runId)) {
			answer = chat().prompt()
				.user(prompt(runId, "What is the weather in Paris?"))
				.tools(this.tools)
				.call()
				.content();
		}
		assertThat(answer).isEqualTo("It is sunny.");
		assertToolRanIn(runId);
		assertEveryRequestCarries(runId, 2);
	}

	@Test
	void toolRunsInTheRunDuringStreamAndTheFollowUpCarriesIt() {
		RunId runId = RunId.generate(RunId.generate());
		List<String> answer;
		try (RunContext scope = RunContext.enter(runId)) {
			answer = chat().prompt()
				.user(prompt(runId, "What is the weather in Paris?"))
				.tools(this.tools)
				.stream()
				.content()
				.collectList()
				.block();
		}
		assertThat(String.join("", answer)).isEqualTo("It is sunny.");
		assertToolRanIn(runId);
		assertEveryRequestCarries(runId, 2);
	}

	@Test
	void usageAddsUpPerRunAndIsLoggedWhenTheRunEnds(CapturedOutput output) {
		RunId runId = RunId.generate();
		long input = StubLlmServer.TOOL_INPUT_TOKENS + 2L * StubLlmServer.TEXT_INPUT_TOKENS;
		long outputTokens = StubLlmServer.TOOL_OUTPUT_TOKENS + 2L * StubLlmServer.TEXT_OUTPUT_TOKENS;
		try (RunContext scope = RunContext.enter(runId)) {
			chat().prompt().user(prompt(runId, "What is the weather in Paris?")).tools(this.tools).call().content();
			chat().prompt().user(prompt(runId, "Hello")).stream().content().blockLast();
			// a stream's model observation stops just after its last signal
			await().pollInSameThread()
				.untilAsserted(() -> assertThat(this.ledger.current()).isEqualTo(new RunUsage(3, input, outputTokens)));
			assertThat(output).doesNotContain(runId.value() + "] [] run_usage");
		}
		assertThat(this.usageListener.recorded()).hasSize(3)
			.allSatisfy((recorded) -> assertThat(recorded.runId()).isEqualTo(runId));
		assertThat(output).contains("[" + runId.value() + "] [] run_usage llm_calls=3 input_tokens=" + input
				+ " output_tokens=" + outputTokens);
		try (RunContext scope = RunContext.enter(runId)) {
			// the run ended: nothing of it was kept
			assertThat(this.ledger.current()).isEqualTo(RunUsage.NONE);
		}
	}

	/**
	 * Whether {@code chatModel.stream(prompt)}, without {@code ChatClient}, sends the
	 * run: it does where the model's HTTP client sends the request from the subscribing
	 * thread or its Reactor context.
	 */
	boolean directStreamCarriesTheRun() {
		return true;
	}

	ChatClient chat() {
		return this.builder.build();
	}

	static String prompt(RunId runId, String text) {
		return text + " <<" + runId.value() + ">>";
	}

	void assertToolRanIn(RunId runId) {
		assertThat(this.tools.calls()).singleElement().satisfies((call) -> {
			assertThat(call.runId()).isEqualTo(runId);
			assertThat(call.mdcRunId()).isEqualTo(runId.value());
			assertThat(call.mdcParentRunId()).isEqualTo(runId.parent().map(RunId::value).orElse(null));
		});
	}

	static void assertNoRequestCarriesARun(int requests) {
		assertThat(stub.requests()).hasSize(requests).allSatisfy((Recorded request) -> {
			assertThat(request.runId()).isNull();
			assertThat(request.parentRunId()).isNull();
		});
	}

	static void assertEveryRequestCarries(RunId runId, int requests) {
		assertThat(stub.requests()).hasSize(requests).allSatisfy((Recorded request) -> {
			assertThat(request.runId()).isEqualTo(runId.value());
			assertThat(request.parentRunId()).isEqualTo(runId.parent().map(RunId::value).orElse(null));
		});
	}

}

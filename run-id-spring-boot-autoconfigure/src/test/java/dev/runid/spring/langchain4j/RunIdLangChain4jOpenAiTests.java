package dev.runid.spring.langchain4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.RunListener;
import dev.runid.spring.autoconfigure.RunIdAutoConfiguration;
import dev.runid.spring.autoconfigure.RunIdLangChain4jAutoConfiguration;
import dev.runid.spring.langchain4j.OpenAiStubServer.Received;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LangChain4j's OpenAI chat models, built with default settings in an application with
 * run-id, against a real OpenAI-compatible server that records what it receives.
 */
class RunIdLangChain4jOpenAiTests {

	private static final Pattern PROMPT_RUN = Pattern.compile("run=([A-Za-z0-9._:-]+)");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdLangChain4jAutoConfiguration.class));

	private OpenAiStubServer server;

	@BeforeEach
	void startServer() {
		this.server = OpenAiStubServer.start();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void chatModelSendsCurrentRunAndItsParent() {
		this.contextRunner.run((context) -> {
			RunId parent = RunId.generate();
			RunId run = RunId.generate(parent);
			String answer;
			try (RunContext scope = RunContext.enter(run)) {
				answer = chatModel(this.server.baseUrl()).chat("hello");
			}
			assertThat(answer).isEqualTo(run.value());
			Received request = this.server.last();
			assertThat(request.path()).isEqualTo("/v1/chat/completions");
			assertThat(request.runIds()).containsExactly(run.value());
			assertThat(request.parentRunIds()).containsExactly(parent.value());
			assertThat(request.baggage()).isEmpty();
		});
	}

	@Test
	void chatModelSendsNoRunOutsideRun() {
		this.contextRunner.run((context) -> {
			chatModel(this.server.baseUrl()).chat("hello");
			assertThat(this.server.last().runIds()).isEmpty();
			assertThat(this.server.last().parentRunIds()).isEmpty();
		});
	}

	@Test
	void headerThatTheModelSetsWins() {
		this.contextRunner.run((context) -> {
			ChatModel model = OpenAiChatModel.builder()
				.baseUrl(this.server.baseUrl())
				.apiKey("test")
				.modelName("stub")
				.customHeaders(Map.of("x-run-id", "set-by-user"))
				.build();
			try (RunContext scope = RunContext.enter(RunId.generate(RunId.generate()))) {
				model.chat("hello");
			}
			assertThat(this.server.last().runIds()).containsExactly("set-by-user");
			// a run the model names is not made a child of the current run
			assertThat(this.server.last().parentRunIds()).isEmpty();
		});
	}

	@Test
	void hostThatIsNotAllowedGetsNoRun() {
		this.contextRunner.withPropertyValues("run-id.outbound.allowed-hosts=localhost").run((context) -> {
			RunId run = RunId.generate();
			try (RunContext scope = RunContext.enter(run)) {
				chatModel(this.server.baseUrl("127.0.0.1")).chat("hello");
				assertThat(this.server.last().runIds()).isEmpty();
				chatModel(this.server.baseUrl("localhost")).chat("hello");
				assertThat(this.server.last().runIds()).containsExactly(run.value());
			}
		});
	}

	@Test
	void outboundSwitchedOffSendsNoRunButStreamedResponsesStillArriveInTheRun() {
		// a header of its own: the applications of other test classes may still run
		this.contextRunner.withPropertyValues("run-id.outbound.enabled=false", "run-id.header-name=X-Test-Run-Id")
			.run((context) -> {
				RunId run = RunId.generate();
				Recorded recorded;
				try (RunContext scope = RunContext.enter(run)) {
					chatModel(this.server.baseUrl()).chat("hello");
					assertThat(this.server.last().testRunIds()).isEmpty();
					assertThat(this.server.last().runIds()).isEmpty();
					recorded = stream(streamingModel(this.server.baseUrl()), "hello");
				}
				assertThat(this.server.last().testRunIds()).isEmpty();
				assertThat(this.server.last().runIds()).isEmpty();
				assertThat(recorded.run()).isEqualTo(run);
			});
	}

	@Test
	void noRunSentOnceTheApplicationHasStopped() {
		ApplicationContextRunner application = this.contextRunner
			.withPropertyValues("run-id.header-name=X-Test-Run-Id");
		ChatModel model = chatModel(this.server.baseUrl());
		RunId run = RunId.generate();
		application.run((context) -> {
			try (RunContext scope = RunContext.enter(run)) {
				model.chat("hello");
			}
			assertThat(this.server.last().testRunIds()).containsExactly(run.value());
		});
		try (RunContext scope = RunContext.enter(run)) {
			model.chat("hello");
		}
		assertThat(this.server.last().testRunIds()).isEmpty();
	}

	@Test
	void runTravelsAsBaggageWhenConfigured() {
		this.contextRunner.withPropertyValues("run-id.tracing.baggage.enabled=true").run((context) -> {
			RunId run = RunId.generate();
			try (RunContext scope = RunContext.enter(run)) {
				chatModel(this.server.baseUrl()).chat("hello");
			}
			assertThat(this.server.last().baggage()).containsExactly("run.id=" + run.value());
		});
	}

	@Test
	void httpClientBuilderGivenToTheModelForwardsTheRunToo() {
		this.contextRunner.run((context) -> {
			ChatModel model = OpenAiChatModel.builder()
				.baseUrl(this.server.baseUrl())
				.apiKey("test")
				.modelName("stub")
				.httpClientBuilder(JdkHttpClient.builder())
				.logRequests(true)
				.build();
			RunId run = RunId.generate();
			try (RunContext scope = RunContext.enter(run)) {
				model.chat("hello");
			}
			assertThat(this.server.last().runIds()).containsExactly(run.value());
		});
	}

	@Test
	void streamingModelSendsRunAndDeliversTheResponseInTheRun() {
		this.contextRunner.run((context) -> {
			RunId run = RunId.generate(RunId.generate());
			Recorded recorded;
			try (RunContext scope = RunContext.enter(run)) {
				recorded = stream(streamingModel(this.server.baseUrl()), "hello");
			}
			assertThat(this.server.last().runIds()).containsExactly(run.value());
			assertThat(this.server.last().parentRunIds()).containsExactly(run.parent().orElseThrow().value());
			assertThat(recorded.text()).isEqualTo(run.value());
			assertThat(recorded.thread()).isNotEqualTo(Thread.currentThread().getName());
			assertThat(recorded.run()).isEqualTo(run);
			assertThat(recorded.mdcRunId()).isEqualTo(run.value());
		});
	}

	@Test
	void streamingLeavesNoRunBehindOnTheClientThreads() {
		this.contextRunner.run((context) -> {
			RunId run = RunId.generate();
			Map<String, AtomicInteger> openScopes = new ConcurrentHashMap<>();
			try (AutoCloseable listener = RunContext.addListener(new RunListener() {

				@Override
				public void entered(RunId runId) {
					if (runId.equals(run)) {
						openScopes.computeIfAbsent(Thread.currentThread().getName(), (name) -> new AtomicInteger())
							.incrementAndGet();
					}
				}

				@Override
				public void exited(RunId runId) {
					if (runId.equals(run)) {
						openScopes.get(Thread.currentThread().getName()).decrementAndGet();
					}
				}

			})) {
				try (RunContext scope = RunContext.enter(run)) {
					stream(streamingModel(this.server.baseUrl()), "hello");
				}
				assertThat(openScopes.keySet()).hasSizeGreaterThan(1);
				Awaitility.await()
					.atMost(Duration.ofSeconds(10))
					.untilAsserted(
							() -> assertThat(openScopes.values()).allSatisfy((count) -> assertThat(count).hasValue(0)));
			}
		});
	}

	@Test
	void streamingModelSendsNoRunOutsideRun() {
		this.contextRunner.run((context) -> {
			Recorded recorded = stream(streamingModel(this.server.baseUrl()), "hello");
			assertThat(this.server.last().runIds()).isEmpty();
			assertThat(recorded.run()).isNull();
			assertThat(recorded.mdcRunId()).isNull();
		});
	}

	@Test
	void embeddingModelSendsCurrentRun() {
		this.contextRunner.run((context) -> {
			EmbeddingModel model = OpenAiEmbeddingModel.builder()
				.baseUrl(this.server.baseUrl())
				.apiKey("test")
				.modelName("stub")
				.build();
			RunId run = RunId.generate();
			try (RunContext scope = RunContext.enter(run)) {
				assertThat(model.embed("hello").content().vector()).containsExactly(0.5f, 0.25f);
			}
			assertThat(this.server.last().path()).isEqualTo("/v1/embeddings");
			assertThat(this.server.last().runIds()).containsExactly(run.value());
		});
	}

	@Test
	void aiServiceRunsItsToolAndTheFollowUpRequestInTheRun() {
		this.contextRunner.run((context) -> {
			RunTool tool = new RunTool();
			Assistant assistant = AiServices.builder(Assistant.class)
				.chatModel(chatModel(this.server.baseUrl()))
				.tools(tool)
				.build();
			RunId run = RunId.generate();
			String answer;
			try (RunContext scope = RunContext.enter(run)) {
				answer = assistant.chat("which run?");
			}
			assertThat(answer).isEqualTo(run.value());
			assertThat(tool.seen).containsExactly(run);
			assertThat(this.server.received()).hasSize(2)
				.allSatisfy((request) -> assertThat(request.runIds()).containsExactly(run.value()));
		});
	}

	@Test
	void streamingAiServiceRunsItsToolAndTheFollowUpRequestInTheRun() {
		this.contextRunner.run((context) -> {
			RunTool tool = new RunTool();
			StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class)
				.streamingChatModel(streamingModel(this.server.baseUrl()))
				.tools(tool)
				.build();
			RunId run = RunId.generate();
			CompletableFuture<ChatResponse> done = new CompletableFuture<>();
			try (RunContext scope = RunContext.enter(run)) {
				assistant.chat("which run?").onPartialResponse((partial) -> {
				}).onCompleteResponse(done::complete).onError(done::completeExceptionally).start();
			}
			ChatResponse response = done.get(10, TimeUnit.SECONDS);
			assertThat(tool.seen).containsExactly(run);
			List<Received> requests = this.server.received();
			assertThat(requests).hasSize(2);
			assertThat(requests).allSatisfy((request) -> assertThat(request.runIds()).containsExactly(run.value()));
			assertThat(response.aiMessage().text()).isEqualTo(run.value());
		});
	}

	@Test
	void concurrentRunsEachSendTheirOwnRun() {
		this.contextRunner.run((context) -> {
			ChatModel chatModel = chatModel(this.server.baseUrl());
			StreamingChatModel streamingModel = streamingModel(this.server.baseUrl());
			ExecutorService callers = Executors.newFixedThreadPool(16);
			try {
				List<Future<String[]>> results = new ArrayList<>();
				for (int i = 0; i < 120; i++) {
					boolean streaming = (i % 2 == 0);
					results.add(callers.submit(() -> {
						RunId run = RunId.generate();
						try (RunContext scope = RunContext.enter(run)) {
							String prompt = "run=" + run.value();
							String answer = streaming ? stream(streamingModel, prompt).text() : chatModel.chat(prompt);
							return new String[] { run.value(), answer };
						}
					}));
				}
				for (Future<String[]> result : results) {
					String[] runAndAnswer = result.get(30, TimeUnit.SECONDS);
					assertThat(runAndAnswer[1]).isEqualTo(runAndAnswer[0]);
				}
			}
			finally {
				callers.shutdownNow();
			}
			List<Received> requests = this.server.received();
			assertThat(requests).hasSize(120);
			assertThat(requests).allSatisfy((request) -> {
				Matcher prompt = PROMPT_RUN.matcher(request.body());
				assertThat(prompt.find()).isTrue();
				assertThat(request.runIds()).containsExactly(prompt.group(1));
			});
			assertThat(requests.stream().map((request) -> request.runIds().get(0)).distinct()).hasSize(120);
		});
	}

	private static ChatModel chatModel(String baseUrl) {
		return OpenAiChatModel.builder().baseUrl(baseUrl).apiKey("test").modelName("stub").build();
	}

	private static StreamingChatModel streamingModel(String baseUrl) {
		return OpenAiStreamingChatModel.builder().baseUrl(baseUrl).apiKey("test").modelName("stub").build();
	}

	private static Recorded stream(StreamingChatModel model, String prompt) throws Exception {
		CompletableFuture<Recorded> done = new CompletableFuture<>();
		model.chat(prompt, new StreamingChatResponseHandler() {

			@Override
			public void onPartialResponse(String partialResponse) {
			}

			@Override
			public void onCompleteResponse(ChatResponse response) {
				done.complete(new Recorded(response.aiMessage().text(), RunContext.current().orElse(null),
						MDC.get(RunContext.mdcKeys().runId()), Thread.currentThread().getName()));
			}

			@Override
			public void onError(Throwable error) {
				done.completeExceptionally(error);
			}

		});
		return done.get(10, TimeUnit.SECONDS);
	}

	/**
	 * What a streaming handler saw when the response completed.
	 */
	record Recorded(String text, @Nullable RunId run, @Nullable String mdcRunId, String thread) {

	}

	interface Assistant {

		String chat(String message);

	}

	interface StreamingAssistant {

		TokenStream chat(String message);

	}

	static final class RunTool {

		final List<@Nullable RunId> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Tool("Tells which run this is")
		String currentRun() {
			RunId run = RunContext.current().orElse(null);
			this.seen.add(run);
			return String.valueOf(run);
		}

	}

}

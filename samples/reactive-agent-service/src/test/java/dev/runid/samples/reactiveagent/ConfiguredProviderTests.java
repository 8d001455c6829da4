package dev.runid.samples.reactiveagent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of Spring AI's usual properties ({@code spring.ai.openai.base-url},
 * {@code api-key}, {@code chat.model}) pointing the agent at a real provider, here a
 * plain JDK HTTP server standing in for one that streams its answers and records what it
 * receives: the stub LLM is not started, and the provider receives the run.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ConfiguredProviderTests {

	static final List<Received> received = new CopyOnWriteArrayList<>();

	static final HttpServer provider = startProvider();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void llmProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.openai.base-url", () -> "http://localhost:" + provider.getAddress().getPort());
		registry.add("spring.ai.openai.api-key", () -> "test-key");
		registry.add("spring.ai.openai.chat.model", () -> "test-model");
	}

	@AfterAll
	static void stopProvider() {
		provider.stop(0);
	}

	@Test
	void sendsBothLlmRequestsToTheConfiguredProviderWithKeyModelAndRun(CapturedOutput output) {
		AgentCall.Answer answer = AgentCall.post(this.port, "frank", "What is the weather in Lisbon?");

		assertThat(answer.status()).isEqualTo(200);
		String runId = answer.json("$.runId");
		assertThat(answer.<String>json("$.result")).isEqualTo("It rains in Lisbon.");
		assertThat(received).hasSize(2).allSatisfy((request) -> {
			assertThat(request.path()).endsWith("/chat/completions");
			assertThat(request.body()).contains("\"stream\":true");
			assertThat(request.authorization()).isEqualTo("Bearer test-key");
			assertThat(request.body()).contains("\"model\":\"test-model\"");
		});
		assertThat(received.get(0).runId()).isEqualTo(runId);
		assertThat(received.get(0).parentRunId()).isNull();
		assertThat(received.get(1).runId()).isNotEqualTo(runId);
		assertThat(received.get(1).parentRunId()).isEqualTo(runId);
		assertThat(received.get(0).body()).as("the agent offers its tools").contains("\"weather\"");
		assertThat(output).doesNotContain("llm_stub_request");
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(LogLine.of(output, runId)).extracting(LogLine::message)
				.contains("run_usage llm_calls=1 input_tokens=20 output_tokens=5"));
	}

	private static HttpServer startProvider() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			server.createContext("/", ConfiguredProviderTests::answer);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void answer(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		received.add(
				new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization"),
						exchange.getRequestHeaders().getFirst("X-Run-Id"),
						exchange.getRequestHeaders().getFirst("X-Parent-Run-Id"), body));
		String chunk = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
				+ "\"model\":\"test-model\",\"choices\":";
		byte[] response = (chunk + "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"It rains \"},"
				+ "\"finish_reason\":null}]}\n\n" + chunk
				+ "[{\"index\":0,\"delta\":{\"content\":\"in Lisbon.\"},\"finish_reason\":\"stop\"}]}\n\n" + chunk
				+ "[],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":5,\"total_tokens\":25}}\n\n"
				+ "data: [DONE]\n\n")
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, response.length);
		exchange.getResponseBody().write(response);
		exchange.close();
	}

	record Received(String path, @Nullable String authorization, @Nullable String runId, @Nullable String parentRunId,
			String body) {
	}

}

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
 * Tests of {@code agent.llm.*} pointing the agent at another OpenAI-compatible provider,
 * here a plain JDK HTTP server that records what it receives.
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
		registry.add("agent.llm.base-url", () -> "http://localhost:" + provider.getAddress().getPort() + "/");
		registry.add("agent.llm.api-key", () -> "test-key");
		registry.add("agent.llm.model", () -> "test-model");
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
			assertThat(request.path()).isEqualTo("/v1/chat/completions");
			assertThat(request.authorization()).isEqualTo("Bearer test-key");
			assertThat(request.body()).contains("\"model\":\"test-model\"");
		});
		assertThat(received.get(0).runId()).isEqualTo(runId);
		assertThat(received.get(0).parentRunId()).isNull();
		assertThat(received.get(1).runId()).isNotEqualTo(runId);
		assertThat(received.get(1).parentRunId()).isEqualTo(runId);
		assertThat(output).doesNotContain("llm_stub_request");
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(LogLine.of(output, runId)).extracting(LogLine::message)
				.contains("usage_summary llm_calls=1 prompt_tokens=20 completion_tokens=5 total_tokens=25"));
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
		String content = body.contains("summarises") ? "It rains in Lisbon."
				: "Sure! ```json\\n{\\\"tool\\\": \\\"weather\\\", \\\"input\\\": \\\"Lisbon\\\"}\\n```";
		byte[] response = ("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
				+ "\"message\":{\"role\":\"assistant\",\"content\":\"" + content + "\"},\"finish_reason\":\"stop\"}],"
				+ "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":5,\"total_tokens\":25}}")
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, response.length);
		exchange.getResponseBody().write(response);
		exchange.close();
	}

	record Received(String path, @Nullable String authorization, @Nullable String runId, @Nullable String parentRunId,
			String body) {
	}

}

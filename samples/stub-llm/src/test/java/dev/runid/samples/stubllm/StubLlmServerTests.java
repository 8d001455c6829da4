package dev.runid.samples.stubllm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link StubLlmServer} over real HTTP: the parts of the chat-completions
 * protocol that Spring AI's OpenAI client reads, and the line it logs per request.
 */
@ExtendWith(OutputCaptureExtension.class)
class StubLlmServerTests {

	private static final String TOOLS = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"weather\","
			+ "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}},"
			+ "{\"type\":\"function\",\"function\":{\"name\":\"search\",\"parameters\":{\"type\":\"object\","
			+ "\"properties\":{\"query\":{\"type\":\"string\"}}}}}]";

	private final HttpClient client = HttpClient.newHttpClient();

	private final StubLlmServer stub = start();

	@AfterEach
	void stop() {
		this.stub.close();
	}

	@Test
	void callsTheToolThatFitsTheTaskWithItsFirstParameterAndUsage() throws Exception {
		HttpResponse<String> response = post("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"s\"},"
				+ "{\"role\":\"user\",\"content\":\"What is the weather in Paris?\"}]," + TOOLS + "}");

		assertThat(response.statusCode()).isEqualTo(200);
		String body = response.body();
		assertThat(JsonPath.<String>read(body, "$.choices[0].finish_reason")).isEqualTo("tool_calls");
		assertThat(JsonPath.<String>read(body, "$.choices[0].message.tool_calls[0].function.name"))
			.isEqualTo("weather");
		assertThat(JsonPath.<String>read(body, "$.choices[0].message.tool_calls[0].function.arguments"))
			.isEqualTo("{\"city\":\"Paris\"}");
		assertThat(JsonPath.<Integer>read(body, "$.usage.prompt_tokens")).isEqualTo(7);
		assertThat(JsonPath.<Integer>read(body, "$.usage.total_tokens")).isEqualTo(8);
	}

	@Test
	void callsTheReportToolWithTheSubjectOnlyWhenItIsOffered() throws Exception {
		String task = "{\"role\":\"user\",\"content\":\"Write a report on Kafka consumer lag.\"}";
		String report = "{\"type\":\"function\",\"function\":{\"name\":\"report\",\"parameters\":"
				+ "{\"type\":\"object\",\"properties\":{\"subject\":{\"type\":\"string\"}}}}}";

		String offered = post(
				"{\"model\":\"m\",\"messages\":[" + task + "]," + TOOLS.replace("]", "," + report + "]") + "}")
			.body();
		String notOffered = post("{\"model\":\"m\",\"messages\":[" + task + "]," + TOOLS + "}").body();

		assertThat(JsonPath.<String>read(offered, "$.choices[0].message.tool_calls[0].function.name"))
			.isEqualTo("report");
		assertThat(JsonPath.<String>read(offered, "$.choices[0].message.tool_calls[0].function.arguments"))
			.isEqualTo("{\"subject\":\"Kafka consumer lag\"}");
		assertThat(JsonPath.<String>read(notOffered, "$.choices[0].message.tool_calls[0].function.name"))
			.isEqualTo("search");
	}

	@Test
	void answersWithTheToolResultOnceTheConversationHoldsIt() throws Exception {
		HttpResponse<String> response = post("{\"model\":\"m\",\"messages\":["
				+ "{\"role\":\"user\",\"content\":\"What is the weather in Paris?\"},"
				+ "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[]},"
				+ "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"\\\"Sunny in Paris. Warm.\\\"\"}],"
				+ TOOLS + "}");

		assertThat(JsonPath.<String>read(response.body(), "$.choices[0].finish_reason")).isEqualTo("stop");
		assertThat(JsonPath.<String>read(response.body(), "$.choices[0].message.content"))
			.as("the JSON string Spring AI sends as the tool's result, decoded")
			.isEqualTo("Sunny in Paris. Warm.");
	}

	@Test
	void summarisesTheTextWhenTheSystemPromptAsksForIt() throws Exception {
		HttpResponse<String> response = post("{\"model\":\"m\",\"messages\":[{\"role\":\"system\","
				+ "\"content\":\"Summarise the text.\"},{\"role\":\"user\",\"content\":\"Task: t\\nText: One. Two.\"}]}");

		assertThat(JsonPath.<String>read(response.body(), "$.choices[0].message.content")).isEqualTo("One.");
	}

	@Test
	void streamsChunksThenUsageThenDone() throws Exception {
		HttpResponse<String> response = post("{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"system\","
				+ "\"content\":\"Summarise the text.\"},{\"role\":\"user\",\"content\":\"Text: It rains in Lisbon today.\"}]}");

		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
		String[] events = response.body().split("\n\n");
		assertThat(events).hasSize(4);
		assertThat(JsonPath.<String>read(events[0].substring(6), "$.choices[0].delta.content"))
			.isEqualTo("It rains in Lisbon");
		assertThat(JsonPath.<String>read(events[1].substring(6), "$.choices[0].delta.content")).isEqualTo(" today.");
		assertThat(JsonPath.<String>read(events[1].substring(6), "$.choices[0].finish_reason")).isEqualTo("stop");
		assertThat(JsonPath.<Integer>read(events[2].substring(6), "$.usage.completion_tokens")).isEqualTo(5);
		assertThat(events[3]).isEqualTo("data: [DONE]");
	}

	@Test
	void logsTheRunHeadersItReceivedQuotedSoThatTheyCannotForgeFields(CapturedOutput output) throws Exception {
		post("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "X-Run-Id", "run-1",
				"X-Parent-Run-Id", "forged\" X-Run-Id=\"other");

		assertThat(output).contains("llm_stub_request model=\"m\" messages=1 tools=0 stream=false answer=text "
				+ "X-Run-Id=\"run-1\" X-Parent-Run-Id=\"forged' X-Run-Id='other\"");
	}

	@Test
	void refusesWhatIsNotAChatCompletion() throws Exception {
		assertThat(post("not json").statusCode()).isEqualTo(400);
		HttpResponse<String> other = this.client
			.send(HttpRequest.newBuilder(URI.create(this.stub.baseUrl() + "/v1/embeddings"))
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(other.statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> post(String body, String... headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.stub.baseUrl() + "/v1/chat/completions"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static StubLlmServer start() {
		try {
			return new StubLlmServer();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

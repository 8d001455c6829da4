package dev.runid.it.springai;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * An LLM server on loopback that speaks just enough of three protocols for Spring AI's
 * models: OpenAI chat completions ({@code POST .../chat/completions}), Anthropic messages
 * ({@code POST .../v1/messages}) and Ollama chat ({@code POST /api/chat}), each as JSON
 * and streamed (SSE, or NDJSON for Ollama). A prompt that asks for the weather gets a
 * tool call of {@code weather} first, and the answer once the conversation holds the
 * tool's result. Records every request it receives with its headers. Every text answer
 * uses {@link #TEXT_INPUT_TOKENS} and {@link #TEXT_OUTPUT_TOKENS}, every tool call
 * {@link #TOOL_INPUT_TOKENS} and {@link #TOOL_OUTPUT_TOKENS}.
 */
final class StubLlmServer implements AutoCloseable {

	static final int TEXT_INPUT_TOKENS = 11;

	static final int TEXT_OUTPUT_TOKENS = 7;

	static final int TOOL_INPUT_TOKENS = 13;

	static final int TOOL_OUTPUT_TOKENS = 5;

	private static final Pattern STREAM = Pattern.compile("\"stream\"\\s*:\\s*true");

	private static final Pattern MARKER = Pattern.compile("<<([^>]*)>>");

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(64);

	private final ConcurrentLinkedQueue<Recorded> requests = new ConcurrentLinkedQueue<>();

	StubLlmServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * The base URL of the server, {@code http://127.0.0.1:port}.
	 */
	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	List<Recorded> requests() {
		return List.copyOf(this.requests);
	}

	void clear() {
		this.requests.clear();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			String path = exchange.getRequestURI().getPath();
			this.requests.add(new Recorded(path, exchange.getRequestHeaders().getFirst("X-Run-Id"),
					exchange.getRequestHeaders().getFirst("X-Parent-Run-Id"),
					exchange.getRequestHeaders().getFirst("baggage"), body));
			boolean stream = STREAM.matcher(body).find();
			if (path.endsWith("/chat/completions")) {
				OpenAi.answer(exchange, stream, wantsTool(body, "\"role\":\"tool\""));
			}
			else if (path.endsWith("/v1/messages")) {
				Anthropic.answer(exchange, stream, wantsTool(body, "\"tool_result\""));
			}
			else if (path.equals("/api/chat")) {
				Ollama.answer(exchange, stream, wantsTool(body, "\"role\":\"tool\""));
			}
			else {
				exchange.sendResponseHeaders(404, -1);
			}
		}
	}

	/**
	 * Whether to answer with a tool call: the request offers the tool {@code weather} and
	 * holds no tool result yet.
	 */
	private static boolean wantsTool(String body, String toolResult) {
		return body.contains("\"weather\"") && !body.contains(toolResult);
	}

	private static void json(HttpExchange exchange, String json) throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	private static void stream(HttpExchange exchange, String contentType, List<String> parts) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		for (String part : parts) {
			out.write(part.getBytes(StandardCharsets.UTF_8));
			out.flush();
		}
	}

	/**
	 * One request the server received.
	 *
	 * @param path the request's path
	 * @param runId the {@code X-Run-Id} header, or {@code null}
	 * @param parentRunId the {@code X-Parent-Run-Id} header, or {@code null}
	 * @param baggage the {@code baggage} header, or {@code null}
	 * @param body the request's body
	 */
	record Recorded(String path, @Nullable String runId, @Nullable String parentRunId, @Nullable String baggage,
			String body) {

		/**
		 * The text between {@code <<} and {@code >>} in the prompt, which the tests set
		 * to the run they send the prompt in.
		 */
		@Nullable String marker() {
			Matcher matcher = MARKER.matcher(this.body);
			return matcher.find() ? matcher.group(1) : null;
		}

	}

	private static final class OpenAi {

		private static final String TOOL_CALL = "{\"id\":\"call_1\",\"type\":\"function\",\"function\":"
				+ "{\"name\":\"weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}";

		static void answer(HttpExchange exchange, boolean stream, boolean tool) throws IOException {
			String usage = tool ? usage(TOOL_INPUT_TOKENS, TOOL_OUTPUT_TOKENS)
					: usage(TEXT_INPUT_TOKENS, TEXT_OUTPUT_TOKENS);
			if (!stream) {
				String message = tool ? "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + TOOL_CALL + "]}"
						: "{\"role\":\"assistant\",\"content\":\"It is sunny.\"}";
				json(exchange,
						"{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,"
								+ "\"model\":\"stub-gpt\",\"choices\":[{\"index\":0,\"message\":" + message
								+ ",\"logprobs\":null,\"finish_reason\":\"" + (tool ? "tool_calls" : "stop") + "\"}],"
								+ "\"usage\":" + usage + "}");
				return;
			}
			List<String> events = new ArrayList<>();
			if (tool) {
				events.add(chunk(
						"{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,"
								+ TOOL_CALL.substring(1) + "]},\"finish_reason\":null}"));
				events.add(chunk("{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}"));
			}
			else {
				events.add(chunk("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"It is \"},"
						+ "\"finish_reason\":null}"));
				events.add(chunk("{\"index\":0,\"delta\":{\"content\":\"sunny.\"},\"finish_reason\":\"stop\"}"));
			}
			events.add("data: {\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
					+ "\"model\":\"stub-gpt\",\"choices\":[],\"usage\":" + usage + "}\n\n");
			events.add("data: [DONE]\n\n");
			stream(exchange, "text/event-stream", events);
		}

		private static String chunk(String choice) {
			return "data: {\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
					+ "\"model\":\"stub-gpt\",\"choices\":[" + choice + "]}\n\n";
		}

		private static String usage(int input, int output) {
			return "{\"prompt_tokens\":" + input + ",\"completion_tokens\":" + output + ",\"total_tokens\":"
					+ (input + output) + "}";
		}

	}

	private static final class Anthropic {

		static void answer(HttpExchange exchange, boolean stream, boolean tool) throws IOException {
			int input = tool ? TOOL_INPUT_TOKENS : TEXT_INPUT_TOKENS;
			int output = tool ? TOOL_OUTPUT_TOKENS : TEXT_OUTPUT_TOKENS;
			String stopReason = tool ? "tool_use" : "end_turn";
			if (!stream) {
				String content = tool
						? "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"weather\",\"input\":{\"city\":\"Paris\"}}"
						: "{\"type\":\"text\",\"text\":\"It is sunny.\"}";
				json(exchange,
						"{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"stub-claude\","
								+ "\"content\":[" + content + "],\"stop_reason\":\"" + stopReason
								+ "\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + input
								+ ",\"output_tokens\":" + output + "}}");
				return;
			}
			List<String> events = new ArrayList<>();
			events.add(event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":"
					+ "\"message\",\"role\":\"assistant\",\"model\":\"stub-claude\",\"content\":[],\"stop_reason\":null,"
					+ "\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + input + ",\"output_tokens\":1}}}"));
			if (tool) {
				events.add(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
						+ "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"weather\",\"input\":{}}}"));
				events.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
						+ "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \\\"Paris\\\"}\"}}"));
			}
			else {
				events.add(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
						+ "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
				events.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
						+ "{\"type\":\"text_delta\",\"text\":\"It is sunny.\"}}"));
			}
			events.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
			events.add(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason
					+ "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + output + "}}"));
			events.add(event("message_stop", "{\"type\":\"message_stop\"}"));
			stream(exchange, "text/event-stream", events);
		}

		private static String event(String name, String data) {
			return "event: " + name + "\ndata: " + data + "\n\n";
		}

	}

	private static final class Ollama {

		static void answer(HttpExchange exchange, boolean stream, boolean tool) throws IOException {
			int input = tool ? TOOL_INPUT_TOKENS : TEXT_INPUT_TOKENS;
			int output = tool ? TOOL_OUTPUT_TOKENS : TEXT_OUTPUT_TOKENS;
			String message = tool
					? "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{\"name\":\"weather\","
							+ "\"arguments\":{\"city\":\"Paris\"}}}]}"
					: "{\"role\":\"assistant\",\"content\":\"It is sunny.\"}";
			String done = "{\"model\":\"stub-llama\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":" + message
					+ ",\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":" + input + ",\"eval_count\":"
					+ output + "}";
			if (!stream) {
				json(exchange, done);
				return;
			}
			stream(exchange, "application/x-ndjson", List.of(done + "\n"));
		}

	}

}

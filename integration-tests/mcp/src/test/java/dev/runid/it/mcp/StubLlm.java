package dev.runid.it.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stub LLM that speaks the OpenAI chat completions protocol on 127.0.0.1: the first
 * turn of a conversation asks for the tool {@code whoami}, the turn after the tool's
 * answer replies {@code tool said: <the tool's answer>}, as one JSON response or, for a
 * streamed request, as server-sent events. Records every request.
 */
final class StubLlm implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.shared();

	private final HttpServer server;

	private final List<String> bodies = new CopyOnWriteArrayList<>();

	private final AtomicInteger ids = new AtomicInteger();

	StubLlm() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(Executors.newFixedThreadPool(8));
		this.server.start();
	}

	/**
	 * The base URL to give Spring AI's OpenAI module.
	 */
	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	List<String> bodies() {
		return this.bodies;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream in = exchange.getRequestBody()) {
			String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			this.bodies.add(body);
			if (!exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			String toolAnswer = null;
			for (JsonNode message : json.readTree(body).path("messages")) {
				if ("tool".equals(message.path("role").asString())) {
					toolAnswer = message.path("content").asString();
				}
			}
			String id = "chatcmpl-" + this.ids.incrementAndGet();
			if (json.readTree(body).path("stream").asBoolean(false)) {
				stream(exchange, id, toolAnswer);
				return;
			}
			String message = (toolAnswer != null)
					? "{\"role\":\"assistant\",\"content\":" + json.writeValueAsString("tool said: " + toolAnswer) + "}"
					: "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + toolCall(id) + "]}";
			String finish = (toolAnswer != null) ? "stop" : "tool_calls";
			byte[] response = ("{\"id\":\"" + id
					+ "\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-4o-mini\","
					+ "\"choices\":[{\"index\":0,\"message\":" + message + ",\"finish_reason\":\"" + finish + "\"}],"
					+ "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, response.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(response);
			}
		}
	}

	/**
	 * Answer a streamed request ({@code "stream": true}) with server-sent events: the
	 * tool call in one chunk, or the answer in two.
	 */
	private static void stream(HttpExchange exchange, String id, @Nullable String toolAnswer) throws IOException {
		List<String> choices = new ArrayList<>();
		if (toolAnswer == null) {
			choices.add("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,"
					+ toolCall(id).substring(1) + "]},\"finish_reason\":null}");
			choices.add("{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}");
		}
		else {
			choices.add("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"tool said: \"},"
					+ "\"finish_reason\":null}");
			choices.add("{\"index\":0,\"delta\":{\"content\":" + json.writeValueAsString(toolAnswer)
					+ "},\"finish_reason\":\"stop\"}");
		}
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		try (OutputStream out = exchange.getResponseBody()) {
			for (String choice : choices) {
				out.write(("data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\","
						+ "\"created\":1700000000,\"model\":\"gpt-4o-mini\",\"choices\":[" + choice + "]}\n\n")
					.getBytes(StandardCharsets.UTF_8));
				out.flush();
			}
			out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
		}
	}

	private static String toolCall(String id) {
		return "{\"id\":\"call-" + id
				+ "\",\"type\":\"function\",\"function\":{\"name\":\"whoami\",\"arguments\":\"{}\"}}";
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}

package dev.runid.spring.langchain4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A real OpenAI-compatible chat completions server on 127.0.0.1 that records the run
 * headers and the body of every request. It answers with the {@code X-Run-Id} it received
 * as the assistant's text (empty without one), as JSON or, for {@code "stream": true}, as
 * server-sent events (embeddings get a fixed vector); a request that offers tools and has
 * no tool result yet gets a call of the first tool instead.
 */
final class OpenAiStubServer implements AutoCloseable {

	private static final Pattern STREAM = Pattern.compile("\"stream\"\\s*:\\s*true");

	private static final Pattern TOOL = Pattern.compile("\"tools\"\\s*:\\s*\\[.*?\"name\"\\s*:\\s*\"([^\"]+)\"",
			Pattern.DOTALL);

	private static final Pattern TOOL_RESULT = Pattern.compile("\"role\"\\s*:\\s*\"tool\"");

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(16);

	private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

	private OpenAiStubServer(HttpServer server) {
		this.server = server;
	}

	static OpenAiStubServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
			OpenAiStubServer stub = new OpenAiStubServer(server);
			server.createContext("/", stub::handle);
			server.setExecutor(stub.executor);
			server.start();
			return stub;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		Headers headers = exchange.getRequestHeaders();
		Received request = new Received(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
				headers.getOrDefault("X-Run-Id", List.of()), headers.getOrDefault("X-Parent-Run-Id", List.of()),
				headers.getOrDefault("baggage", List.of()), headers.getOrDefault("X-Test-Run-Id", List.of()), body);
		this.received.add(request);
		String runId = String.join(",", request.runIds());
		if (request.path().endsWith("/embeddings")) {
			respond(exchange, "application/json", """
					{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5,0.25]}],\
					"model":"stub","usage":{"prompt_tokens":1,"total_tokens":1}}""");
			return;
		}
		Matcher tool = TOOL.matcher(body);
		String toolName = (tool.find() && !TOOL_RESULT.matcher(body).find()) ? tool.group(1) : null;
		if (STREAM.matcher(body).find()) {
			stream(exchange, runId, toolName);
		}
		else {
			respond(exchange, "application/json", completion(runId, toolName));
		}
	}

	private static String completion(String text, @Nullable String toolName) {
		String message = (toolName != null) ? """
				{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",\
				"function":{"name":"%s","arguments":"{}"}}]}""".formatted(toolName)
				: "{\"role\":\"assistant\",\"content\":\"" + text + "\"}";
		return """
				{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"stub","choices":[{"index":0,\
				"message":%s,"finish_reason":"%s"}],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}"""
			.formatted(message, (toolName != null) ? "tool_calls" : "stop");
	}

	private static void stream(HttpExchange exchange, String text, @Nullable String toolName) throws IOException {
		String delta = (toolName != null) ? """
				{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function",\
				"function":{"name":"%s","arguments":"{}"}}]}""".formatted(toolName)
				: "{\"role\":\"assistant\",\"content\":\"" + text + "\"}";
		String events = chunk(delta, null) + chunk("{}", (toolName != null) ? "tool_calls" : "stop")
				+ "data: [DONE]\n\n";
		respond(exchange, "text/event-stream", events);
	}

	private static String chunk(String delta, @Nullable String finishReason) {
		return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"stub\","
				+ "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
				+ ((finishReason != null) ? "\"" + finishReason + "\"" : "null") + "}]}\n\n";
	}

	private static void respond(HttpExchange exchange, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	String baseUrl() {
		return baseUrl("127.0.0.1");
	}

	String baseUrl(String host) {
		return "http://" + host + ":" + this.server.getAddress().getPort() + "/v1";
	}

	List<Received> received() {
		return List.copyOf(this.received);
	}

	Received last() {
		List<Received> all = received();
		return all.get(all.size() - 1);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * One request the server received.
	 *
	 * @param path the request's path
	 * @param query the request's query, or {@code null}
	 * @param runIds the values of {@code X-Run-Id}
	 * @param parentRunIds the values of {@code X-Parent-Run-Id}
	 * @param baggage the values of {@code baggage}
	 * @param testRunIds the values of {@code X-Test-Run-Id}, the run header of tests that
	 * must not see the runs that other running applications forward
	 * @param body the request's body
	 */
	record Received(String path, @Nullable String query, List<String> runIds, List<String> parentRunIds,
			List<String> baggage, List<String> testRunIds, String body) {

	}

}

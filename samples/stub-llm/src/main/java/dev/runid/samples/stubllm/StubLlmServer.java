package dev.runid.samples.stubllm;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small deterministic stand-in for an OpenAI-compatible LLM, so that the samples run
 * without a key or a network. It serves {@code POST .../chat/completions} on a loopback
 * port, as JSON or, for {@code "stream": true}, as server-sent events, always with a
 * {@code usage} object, and logs the run headers each request arrived with (one
 * {@code llm_stub_request} line per request).
 * <p>
 * Its rules: when the request offers tools and the conversation holds no tool result yet,
 * it calls one tool ({@code weather} for a task about the weather in a city,
 * {@code stock_price} for a stock price, {@code report} for a report on a subject, else
 * {@code search}), passing the input as the tool's first parameter (the tools that a
 * request does not offer are skipped); once the conversation holds a tool result, it
 * answers with that result; a request whose system prompt asks to summarise gets the
 * first sentence of the text after {@code Text:}. Tokens are counted as words.
 * Thread-safe; requests are handled on its own daemon threads, where no run is current.
 */
public final class StubLlmServer implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(StubLlmServer.class);

	private static final Pattern CITY = Pattern.compile("\\bin ([A-Z][\\p{L}-]*(?: [A-Z][\\p{L}-]*)*)");

	private static final Pattern SYMBOL = Pattern.compile("\\b[A-Z]{2,5}\\b");

	private static final Pattern SUBJECT = Pattern.compile("\\breport (?:on|about) (.+?)[.?!]?$");

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final ExecutorService executor;

	private final HttpServer server;

	private final AtomicInteger completions = new AtomicInteger();

	/**
	 * Start a stub on a free loopback port.
	 * @throws IOException if the server cannot be started
	 */
	public StubLlmServer() throws IOException {
		AtomicInteger threads = new AtomicInteger();
		this.executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "stub-llm-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * The base URL to configure as the provider's, {@code http://127.0.0.1:<port>}.
	 * @return the base URL
	 */
	public String baseUrl() {
		return "http://" + this.server.getAddress().getHostString() + ":" + this.server.getAddress().getPort();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"POST".equals(exchange.getRequestMethod())
					|| !exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			JsonNode request;
			try {
				request = this.jsonMapper.readTree(exchange.getRequestBody());
			}
			catch (JacksonException ex) {
				exchange.sendResponseHeaders(400, -1);
				return;
			}
			Answer answer = answer(request);
			boolean stream = request.path("stream").asBoolean(false);
			logger.info(
					"llm_stub_request model={} messages={} tools={} stream={} answer={} X-Run-Id={} X-Parent-Run-Id={}",
					quoted(request.path("model").asString(""), 40), request.path("messages").size(),
					request.path("tools").size(), stream,
					(answer.toolName() != null) ? "tool_call:" + answer.toolName() : "text",
					header(exchange, "X-Run-Id"), header(exchange, "X-Parent-Run-Id"));
			String id = "chatcmpl-stub-" + this.completions.incrementAndGet();
			String model = request.path("model").asString("stub");
			if (stream) {
				stream(exchange, id, model, answer);
			}
			else {
				json(exchange, id, model, answer);
			}
		}
	}

	private Answer answer(JsonNode request) {
		JsonNode messages = request.path("messages");
		long promptTokens = 0;
		String system = "";
		String user = "";
		@Nullable String toolResult = null;
		for (JsonNode message : messages) {
			String content = content(message.path("content"));
			promptTokens += words(content);
			switch (message.path("role").asString("")) {
				case "system", "developer" -> system = content;
				case "user" -> {
					user = content;
					toolResult = null;
				}
				case "tool" -> toolResult = content;
				default -> {
				}
			}
		}
		if (toolResult != null) {
			return Answer.text(unquoted(toolResult), promptTokens);
		}
		Map<String, String> tools = tools(request.path("tools"));
		if (!tools.isEmpty()) {
			return plan(user, tools, promptTokens);
		}
		if (system.toLowerCase(Locale.ROOT).contains("summarise")) {
			return Answer.text(firstSentence(after(user, "Text:")), promptTokens);
		}
		return Answer.text("I am a stub: ask me about the weather, a stock price, or anything to search for.",
				promptTokens);
	}

	private Answer plan(String task, Map<String, String> tools, long promptTokens) {
		String lower = task.toLowerCase(Locale.ROOT);
		String tool;
		String input;
		if (lower.contains("weather") && tools.containsKey("weather")) {
			tool = "weather";
			input = find(CITY, task, 1, "Berlin");
		}
		else if ((lower.contains("stock") || lower.contains("share price")) && tools.containsKey("stock_price")) {
			tool = "stock_price";
			input = find(SYMBOL, task, 0, "ACME");
		}
		else if (lower.contains("report") && tools.containsKey("report")) {
			tool = "report";
			input = find(SUBJECT, task, 1, task);
		}
		else if (tools.containsKey("search")) {
			tool = "search";
			input = task;
		}
		else {
			// whatever the application offers: its first tool
			tool = tools.keySet().iterator().next();
			input = task;
		}
		ObjectNode arguments = this.jsonMapper.createObjectNode();
		arguments.put(tools.get(tool), input);
		return new Answer(tool, this.jsonMapper.writeValueAsString(arguments), promptTokens, Math.max(1, words(input)));
	}

	private void json(HttpExchange exchange, String id, String model, Answer answer) throws IOException {
		ObjectNode message = this.jsonMapper.createObjectNode().put("role", "assistant");
		if (answer.toolName() != null) {
			message.putNull("content");
			message.set("tool_calls", toolCalls(answer, false));
		}
		else {
			message.put("content", answer.text());
		}
		ObjectNode body = completion(id, "chat.completion", model);
		body.putArray("choices")
			.addObject()
			.put("index", 0)
			.<ObjectNode>set("message", message)
			.put("finish_reason", answer.finishReason());
		body.set("usage", usage(answer));
		send(exchange, "application/json", List.of(this.jsonMapper.writeValueAsString(body)));
	}

	private void stream(HttpExchange exchange, String id, String model, Answer answer) throws IOException {
		List<ObjectNode> deltas = new ArrayList<>();
		if (answer.toolName() != null) {
			ObjectNode delta = this.jsonMapper.createObjectNode().put("role", "assistant");
			delta.set("tool_calls", toolCalls(answer, true));
			deltas.add(delta);
		}
		else {
			// two chunks, so that a client sees a real stream
			String text = answer.text();
			int middle = Math.max(0, text.indexOf(' ', text.length() / 2));
			deltas.add(this.jsonMapper.createObjectNode()
				.put("role", "assistant")
				.put("content", text.substring(0, middle)));
			deltas.add(this.jsonMapper.createObjectNode().put("content", text.substring(middle)));
		}
		List<String> events = new ArrayList<>();
		for (int i = 0; i < deltas.size(); i++) {
			ObjectNode chunk = completion(id, "chat.completion.chunk", model);
			ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
			choice.set("delta", deltas.get(i));
			if (i == deltas.size() - 1) {
				choice.put("finish_reason", answer.finishReason());
			}
			else {
				choice.putNull("finish_reason");
			}
			events.add(event(chunk));
		}
		ObjectNode usage = completion(id, "chat.completion.chunk", model);
		usage.putArray("choices");
		usage.set("usage", usage(answer));
		events.add(event(usage));
		events.add("data: [DONE]\n\n");
		send(exchange, "text/event-stream", events);
	}

	private ArrayNode toolCalls(Answer answer, boolean stream) {
		ArrayNode calls = this.jsonMapper.createArrayNode();
		ObjectNode call = calls.addObject();
		if (stream) {
			call.put("index", 0);
		}
		call.put("id", "call_" + this.completions.get());
		call.put("type", "function");
		call.putObject("function").put("name", answer.toolName()).put("arguments", answer.text());
		return calls;
	}

	private ObjectNode completion(String id, String object, String model) {
		return this.jsonMapper.createObjectNode()
			.put("id", id)
			.put("object", object)
			.put("created", 1700000000L)
			.put("model", model);
	}

	private ObjectNode usage(Answer answer) {
		return this.jsonMapper.createObjectNode()
			.put("prompt_tokens", answer.promptTokens())
			.put("completion_tokens", answer.completionTokens())
			.put("total_tokens", answer.promptTokens() + answer.completionTokens());
	}

	private String event(ObjectNode data) {
		return "data: " + this.jsonMapper.writeValueAsString(data) + "\n\n";
	}

	private static void send(HttpExchange exchange, String contentType, List<String> parts) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(200, 0);
		OutputStream body = exchange.getResponseBody();
		for (String part : parts) {
			body.write(part.getBytes(StandardCharsets.UTF_8));
			body.flush();
		}
	}

	/**
	 * The offered tools: name to the name of its first parameter.
	 */
	private static Map<String, String> tools(JsonNode tools) {
		Map<String, String> names = new LinkedHashMap<>();
		for (JsonNode tool : tools) {
			JsonNode function = tool.path("function");
			String name = function.path("name").asString("");
			if (!name.isEmpty()) {
				Iterator<String> parameters = function.path("parameters").path("properties").propertyNames().iterator();
				names.put(name, parameters.hasNext() ? parameters.next() : "input");
			}
		}
		return names;
	}

	/**
	 * A message's text: a string, or the text parts of an array of parts.
	 */
	private static String content(JsonNode content) {
		if (content.isString()) {
			return content.asString();
		}
		StringBuilder text = new StringBuilder();
		for (JsonNode part : content) {
			text.append(part.path("text").asString(""));
		}
		return text.toString();
	}

	/**
	 * A tool result as the model would read it: Spring AI sends a tool's {@code String}
	 * as a JSON string literal.
	 */
	private String unquoted(String toolResult) {
		if (toolResult.startsWith("\"")) {
			try {
				return this.jsonMapper.readValue(toolResult, String.class);
			}
			catch (JacksonException ex) {
				// not JSON after all: the text as it came
			}
		}
		return toolResult;
	}

	private static String after(String text, String marker) {
		int start = text.lastIndexOf(marker);
		return ((start >= 0) ? text.substring(start + marker.length()) : text).trim();
	}

	private static String firstSentence(String text) {
		int end = text.indexOf(". ");
		return (end >= 0) ? text.substring(0, end + 1) : text;
	}

	private static String find(Pattern pattern, String text, int group, String fallback) {
		Matcher matcher = pattern.matcher(text);
		return matcher.find() ? matcher.group(group) : fallback;
	}

	private static long words(@Nullable String text) {
		return (text == null || text.isBlank()) ? 0 : text.trim().split("\\s+").length;
	}

	private static String header(HttpExchange exchange, String name) {
		String value = exchange.getRequestHeaders().getFirst(name);
		return (value != null) ? quoted(value, 128) : "-";
	}

	/**
	 * The value in double quotes, control characters replaced so that a request cannot
	 * forge log lines, cut at {@code max} characters.
	 */
	private static String quoted(String value, int max) {
		String shown = (value.length() > max) ? value.substring(0, max) + "..." : value;
		return '"' + shown.replaceAll("\\p{Cntrl}", " ").replace('"', '\'') + '"';
	}

	/**
	 * What the stub answers.
	 *
	 * @param toolName the tool to call, or {@code null} for a text answer
	 * @param text the text answer, or the tool call's JSON arguments
	 * @param promptTokens input tokens
	 * @param completionTokens output tokens
	 */
	private record Answer(@Nullable String toolName, String text, long promptTokens, long completionTokens) {

		static Answer text(String text, long promptTokens) {
			return new Answer(null, text, promptTokens, words(text));
		}

		String finishReason() {
			return (this.toolName != null) ? "tool_calls" : "stop";
		}

	}

}

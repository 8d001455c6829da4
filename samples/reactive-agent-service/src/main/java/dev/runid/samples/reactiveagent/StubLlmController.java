package dev.runid.samples.reactiveagent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small deterministic stand-in for an OpenAI-compatible LLM, so that the sample runs
 * without a key or a network. It plans with fixed rules (weather, stock prices, else a
 * search), summarises by taking the tool result's first sentence, counts words as tokens,
 * and logs the run headers each request arrived with.
 */
@RestController
final class StubLlmController {

	private static final Logger logger = LoggerFactory.getLogger(StubLlmController.class);

	private static final Pattern CITY = Pattern.compile("\\bin ([A-Z][\\p{L}-]*(?: [A-Z][\\p{L}-]*)*)");

	private static final Pattern SYMBOL = Pattern.compile("\\b[A-Z]{2,5}\\b");

	private final JsonMapper jsonMapper;

	StubLlmController(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@PostMapping("/stub-llm/v1/chat/completions")
	ChatCompletion.Response complete(@RequestBody ChatCompletion.Request request,
			@RequestHeader(name = "X-Run-Id", required = false) @Nullable String runId,
			@RequestHeader(name = "X-Parent-Run-Id", required = false) @Nullable String parentRunId) {
		logger.info("llm_stub_request model={} messages={} X-Run-Id={} X-Parent-Run-Id={}",
				LogValues.quoted(request.model(), 40), request.messages().size(), ToolController.header(runId),
				ToolController.header(parentRunId));
		String system = content(request, "system");
		String user = content(request, "user");
		String answer = system.contains("summarises") ? summarise(user) : plan(user);
		long promptTokens = request.messages().stream().mapToLong((message) -> words(message.content())).sum();
		long completionTokens = words(answer);
		return new ChatCompletion.Response(
				List.of(new ChatCompletion.Choice(new ChatCompletion.Message("assistant", answer))),
				new ChatCompletion.Usage(promptTokens, completionTokens, promptTokens + completionTokens));
	}

	private String plan(String task) {
		String lower = task.toLowerCase(Locale.ROOT);
		Map<String, String> call = new LinkedHashMap<>();
		if (lower.contains("weather")) {
			call.put("tool", "weather");
			call.put("input", find(CITY, task, 1, "Berlin"));
		}
		else if (lower.contains("stock") || lower.contains("share price")) {
			call.put("tool", "stock-price");
			call.put("input", find(SYMBOL, task, 0, "ACME"));
		}
		else {
			call.put("tool", "search");
			call.put("input", task);
		}
		return this.jsonMapper.writeValueAsString(call);
	}

	private static String summarise(String prompt) {
		int start = prompt.indexOf("Tool result: ");
		String result = (start >= 0) ? prompt.substring(start + "Tool result: ".length()) : prompt;
		int end = result.indexOf(". ");
		return (end >= 0) ? result.substring(0, end + 1) : result;
	}

	private static String find(Pattern pattern, String text, int group, String fallback) {
		Matcher matcher = pattern.matcher(text);
		return matcher.find() ? matcher.group(group) : fallback;
	}

	private static String content(ChatCompletion.Request request, String role) {
		return request.messages()
			.stream()
			.filter((message) -> role.equals(message.role()) && message.content() != null)
			.map(ChatCompletion.Message::content)
			.findFirst()
			.orElse("");
	}

	private static long words(@Nullable String text) {
		return (text == null || text.isBlank()) ? 0 : text.trim().split("\\s+").length;
	}

}

package dev.runid.spring.ai;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.runid.RunId;
import dev.runid.spring.client.RunIdForwarding;
import dev.runid.spring.client.RunIdHostFilter;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.util.ClassUtils;

/**
 * Puts the run's headers into the per-request HTTP headers of a chat request's options,
 * for the chat models whose options have them (OpenAI: {@code customHeaders}, Anthropic:
 * {@code httpHeaders}). The headers then travel with the request itself, so that the SDK
 * sends them whichever thread executes it. Each provider's options are looked at only
 * when its classes are on the class path. Same rules as the HTTP clients: a header the
 * options already set wins, and only allowed hosts get the run.
 */
final class ChatRequestHeaders {

	private static final ClassLoader classLoader = ChatRequestHeaders.class.getClassLoader();

	private static final boolean openAi = ClassUtils.isPresent("org.springframework.ai.openai.OpenAiChatOptions",
			classLoader);

	private static final boolean anthropic = ClassUtils
		.isPresent("org.springframework.ai.anthropic.AnthropicChatOptions", classLoader);

	// the SDKs' own defaults, for options that leave the base URL to them
	private static final String OPENAI_URL = "https://api.openai.com/v1";

	private static final String ANTHROPIC_URL = "https://api.anthropic.com";

	private ChatRequestHeaders() {
	}

	/**
	 * The options with the run's headers added.
	 * @param options the options of the request
	 * @param runId the run
	 * @param forwarding what to forward and where
	 * @return new options, or the given ones if they have no per-request headers or the
	 * host is not allowed
	 */
	static @Nullable ChatOptions withRun(@Nullable ChatOptions options, RunId runId, RunIdForwarding forwarding) {
		if (options == null) {
			return null;
		}
		if (openAi && OpenAi.supports(options)) {
			return OpenAi.withRun(options, runId, forwarding);
		}
		if (anthropic && Anthropic.supports(options)) {
			return Anthropic.withRun(options, runId, forwarding);
		}
		return options;
	}

	static @Nullable Map<String, String> headers(@Nullable Map<String, String> headers, @Nullable String baseUrl,
			String defaultUrl, RunId runId, RunIdForwarding forwarding) {
		if (!forwarding.hosts().allows(RunIdHostFilter.hostOf((baseUrl != null) ? baseUrl : defaultUrl))) {
			return null;
		}
		Map<String, String> result = (headers != null) ? new LinkedHashMap<>(headers) : new LinkedHashMap<>();
		boolean changed = putIfAbsent(result, forwarding.headerName(), runId.value());
		RunId parent = runId.parent().orElse(null);
		if (changed && parent != null) {
			// only with the run header added: a run the request names is the caller's
			// choice
			putIfAbsent(result, forwarding.parentHeaderName(), parent.value());
		}
		return changed ? result : null;
	}

	private static boolean putIfAbsent(Map<String, String> headers, String name, String value) {
		for (String present : headers.keySet()) {
			if (present.equalsIgnoreCase(name)) {
				return false;
			}
		}
		headers.put(name, value);
		return true;
	}

	private static final class OpenAi {

		static boolean supports(ChatOptions options) {
			return options instanceof OpenAiChatOptions;
		}

		static ChatOptions withRun(ChatOptions options, RunId runId, RunIdForwarding forwarding) {
			OpenAiChatOptions openAiOptions = (OpenAiChatOptions) options;
			Map<String, String> headers = headers(openAiOptions.getCustomHeaders(), openAiOptions.getBaseUrl(),
					OPENAI_URL, runId, forwarding);
			return (headers != null) ? openAiOptions.mutate().customHeaders(headers).build() : options;
		}

	}

	private static final class Anthropic {

		static boolean supports(ChatOptions options) {
			return options instanceof AnthropicChatOptions;
		}

		static ChatOptions withRun(ChatOptions options, RunId runId, RunIdForwarding forwarding) {
			AnthropicChatOptions anthropicOptions = (AnthropicChatOptions) options;
			Map<String, String> headers = headers(anthropicOptions.getHttpHeaders(), anthropicOptions.getBaseUrl(),
					ANTHROPIC_URL, runId, forwarding);
			return (headers != null) ? anthropicOptions.mutate().httpHeaders(headers).build() : options;
		}

	}

}

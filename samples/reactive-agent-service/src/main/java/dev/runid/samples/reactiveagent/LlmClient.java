package dev.runid.samples.reactiveagent;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Calls an OpenAI-compatible chat-completions endpoint and records the usage in the run's
 * {@link UsageLedger}.
 * <p>
 * The client is built from Boot's {@code WebClient.Builder}, which run-id has customised:
 * every request carries {@code X-Run-Id} (and {@code X-Parent-Run-Id} in a child run),
 * taken from the Reactor {@code Context} of the pipeline that subscribes, without this
 * class setting a header.
 */
@Component
final class LlmClient {

	private static final Logger logger = LoggerFactory.getLogger(LlmClient.class);

	private final WebClient webClient;

	private final AgentProperties.Llm properties;

	private final LocalServer localServer;

	private final UsageLedger ledger;

	LlmClient(WebClient.Builder webClientBuilder, AgentProperties properties, LocalServer localServer,
			UsageLedger ledger) {
		this.properties = properties.llm();
		String apiKey = this.properties.apiKey();
		if (StringUtils.hasText(apiKey)) {
			webClientBuilder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey);
		}
		this.webClient = webClientBuilder.build();
		this.localServer = localServer;
		this.ledger = ledger;
	}

	/**
	 * Ask the LLM one question. The answer arrives on one of Reactor Netty's event-loop
	 * threads, where {@code llm_call} is logged.
	 * @param purpose what the answer is for, as logged
	 * @param system the system prompt
	 * @param user the user message
	 * @return the text of the first choice
	 */
	Mono<String> chat(String purpose, String system, String user) {
		ChatCompletion.Request request = new ChatCompletion.Request(this.properties.model(),
				List.of(new ChatCompletion.Message("system", system), new ChatCompletion.Message("user", user)));
		return Mono
			.defer(() -> this.webClient.post()
				.uri(baseUrl() + "/v1/chat/completions")
				.bodyValue(request)
				.retrieve()
				.bodyToMono(ChatCompletion.Response.class))
			.onErrorMap(WebClientResponseException.class,
					(ex) -> new IllegalStateException(
							"LLM answered " + ex.getStatusCode().value() + " " + ex.getStatusText(), ex))
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("LLM answered without content")))
			.map((response) -> answer(purpose, response));
	}

	private String answer(String purpose, ChatCompletion.Response response) {
		String content = response.choices().isEmpty() ? null : response.choices().get(0).message().content();
		if (content == null) {
			throw new IllegalStateException("LLM answered without content");
		}
		this.ledger.record(response.usage());
		ChatCompletion.Usage usage = response.usage();
		logger.info("llm_call purpose={} model={} prompt_tokens={} completion_tokens={}", purpose,
				this.properties.model(), (usage != null) ? usage.promptTokens() : "?",
				(usage != null) ? usage.completionTokens() : "?");
		return content;
	}

	private String baseUrl() {
		String baseUrl = this.properties.baseUrl();
		return StringUtils.hasText(baseUrl) ? StringUtils.trimTrailingCharacter(baseUrl, '/')
				: this.localServer.url("/stub-llm");
	}

}

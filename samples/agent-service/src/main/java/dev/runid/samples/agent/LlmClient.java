package dev.runid.samples.agent;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Calls an OpenAI-compatible chat-completions endpoint and records the usage in the run's
 * {@link UsageLedger}.
 * <p>
 * The client is built from Boot's {@code RestClient.Builder}, which run-id has
 * customised: every request carries {@code X-Run-Id} (and {@code X-Parent-Run-Id} in a
 * child run) without this class setting a header.
 */
@Component
final class LlmClient {

	private static final Logger logger = LoggerFactory.getLogger(LlmClient.class);

	private final RestClient restClient;

	private final AgentProperties.Llm properties;

	private final LocalServer localServer;

	private final UsageLedger ledger;

	LlmClient(RestClient.Builder restClientBuilder, AgentProperties properties, LocalServer localServer,
			UsageLedger ledger) {
		this.properties = properties.llm();
		String apiKey = this.properties.apiKey();
		if (StringUtils.hasText(apiKey)) {
			restClientBuilder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey);
		}
		this.restClient = restClientBuilder.build();
		this.localServer = localServer;
		this.ledger = ledger;
	}

	/**
	 * Ask the LLM one question.
	 * @param purpose what the answer is for, as logged
	 * @param system the system prompt
	 * @param user the user message
	 * @return the text of the first choice
	 */
	String chat(String purpose, String system, String user) {
		ChatCompletion.Request request = new ChatCompletion.Request(this.properties.model(),
				List.of(new ChatCompletion.Message("system", system), new ChatCompletion.Message("user", user)));
		ChatCompletion.Response response;
		try {
			response = this.restClient.post()
				.uri(baseUrl() + "/v1/chat/completions")
				.body(request)
				.retrieve()
				.body(ChatCompletion.Response.class);
		}
		catch (RestClientResponseException ex) {
			throw new IllegalStateException("LLM answered " + ex.getStatusCode().value() + " " + ex.getStatusText(),
					ex);
		}
		if (response == null || response.choices().isEmpty() || response.choices().get(0).message().content() == null) {
			throw new IllegalStateException("LLM answered without content");
		}
		this.ledger.record(response.usage());
		String content = response.choices().get(0).message().content();
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

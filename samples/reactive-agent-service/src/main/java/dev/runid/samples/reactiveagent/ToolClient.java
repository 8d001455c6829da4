package dev.runid.samples.reactiveagent;

import java.net.URI;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Calls the tool the LLM picked over HTTP, with a {@code WebClient} from Boot's builder,
 * so the tool receives the run's headers.
 */
@Component
final class ToolClient {

	/**
	 * The tools the agent knows, by name, with the name of their one query parameter.
	 */
	static final Map<String, String> TOOLS = Map.of("search", "q", "weather", "city", "stock-price", "symbol");

	private static final Logger logger = LoggerFactory.getLogger(ToolClient.class);

	private final WebClient webClient;

	private final AgentProperties.Tools properties;

	private final LocalServer localServer;

	ToolClient(WebClient.Builder webClientBuilder, AgentProperties properties, LocalServer localServer) {
		this.webClient = webClientBuilder.build();
		this.properties = properties.tools();
		this.localServer = localServer;
	}

	/**
	 * Call a tool. Nothing happens until the result is subscribed to; {@code tool_call}
	 * is logged on the subscribing thread.
	 * @param tool the tool's name
	 * @param input the tool's input
	 * @return what the tool answered; an {@link IllegalArgumentException} if there is no
	 * such tool, an {@link IllegalStateException} if the tool failed
	 */
	Mono<String> call(String tool, String input) {
		return Mono.defer(() -> {
			String parameter = TOOLS.get(tool);
			if (parameter == null) {
				return Mono.error(new IllegalArgumentException("unknown tool " + LogValues.quoted(tool, 40)));
			}
			URI uri = UriComponentsBuilder.fromUriString(baseUrl())
				.path("/tools/{tool}")
				.queryParam(parameter, "{input}")
				.encode()
				.buildAndExpand(tool, input)
				.toUri();
			logger.info("tool_call tool={} {}={}", tool, parameter, LogValues.quoted(input, 80));
			return this.webClient.get()
				.uri(uri)
				.retrieve()
				.bodyToMono(String.class)
				.defaultIfEmpty("")
				.onErrorMap(WebClientResponseException.class,
						(ex) -> new IllegalStateException(
								"tool " + tool + " answered " + ex.getStatusCode().value() + " " + ex.getStatusText(),
								ex));
		});
	}

	private String baseUrl() {
		String baseUrl = this.properties.baseUrl();
		return StringUtils.hasText(baseUrl) ? baseUrl : this.localServer.url("");
	}

}

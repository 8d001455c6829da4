package dev.runid.samples.agent;

import java.net.URI;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Calls the tool the LLM picked over HTTP, with a {@code RestClient} from Boot's builder,
 * so the tool receives the run's headers.
 */
@Component
final class ToolClient {

	/**
	 * The tools the agent knows, by name, with the name of their one query parameter.
	 */
	static final Map<String, String> TOOLS = Map.of("search", "q", "weather", "city", "stock-price", "symbol");

	private static final Logger logger = LoggerFactory.getLogger(ToolClient.class);

	private final RestClient restClient;

	private final AgentProperties.Tools properties;

	private final LocalServer localServer;

	ToolClient(RestClient.Builder restClientBuilder, AgentProperties properties, LocalServer localServer) {
		this.restClient = restClientBuilder.build();
		this.properties = properties.tools();
		this.localServer = localServer;
	}

	/**
	 * Call a tool.
	 * @param tool the tool's name
	 * @param input the tool's input
	 * @return what the tool answered
	 * @throws IllegalArgumentException if there is no such tool
	 * @throws IllegalStateException if the tool failed
	 */
	String call(String tool, String input) {
		String parameter = TOOLS.get(tool);
		if (parameter == null) {
			throw new IllegalArgumentException("unknown tool " + LogValues.quoted(tool, 40));
		}
		URI uri = UriComponentsBuilder.fromUriString(baseUrl())
			.path("/tools/{tool}")
			.queryParam(parameter, "{input}")
			.encode()
			.buildAndExpand(tool, input)
			.toUri();
		logger.info("tool_call tool={} {}={}", tool, parameter, LogValues.quoted(input, 80));
		try {
			String result = this.restClient.get().uri(uri).retrieve().body(String.class);
			return (result != null) ? result : "";
		}
		catch (RestClientResponseException ex) {
			throw new IllegalStateException(
					"tool " + tool + " answered " + ex.getStatusCode().value() + " " + ex.getStatusText(), ex);
		}
	}

	private String baseUrl() {
		String baseUrl = this.properties.baseUrl();
		return StringUtils.hasText(baseUrl) ? baseUrl : this.localServer.url("");
	}

}

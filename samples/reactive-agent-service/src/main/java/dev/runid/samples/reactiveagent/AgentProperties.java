package dev.runid.samples.reactiveagent;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the agent, under the {@code agent} prefix.
 *
 * @param llm the LLM the agent and its sub-agent call
 * @param tools where the tools are served
 */
@ConfigurationProperties("agent")
record AgentProperties(@DefaultValue Llm llm, @DefaultValue Tools tools) {

	/**
	 * An OpenAI-compatible chat-completions endpoint.
	 *
	 * @param baseUrl base URL of the provider, to which {@code /v1/chat/completions} is
	 * appended; unset, the stub served by this application
	 * @param apiKey bearer token sent to the provider; unset, none
	 * @param model model to ask for
	 */
	record Llm(@Nullable String baseUrl, @Nullable String apiKey, @DefaultValue("gpt-4o-mini") String model) {
	}

	/**
	 * The tool endpoints.
	 *
	 * @param baseUrl base URL of the tools, to which {@code /tools/<name>} is appended;
	 * unset, this application
	 */
	record Tools(@Nullable String baseUrl) {
	}

}

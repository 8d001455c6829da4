package dev.runid.spring.autoconfigure;

import dev.langchain4j.http.client.HttpClient;
import dev.runid.spring.client.RunIdForwarding;
import dev.runid.spring.langchain4j.RunIdLangChain4jForwarding;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;

/**
 * Auto-configuration that makes LangChain4j's HTTP clients (of the OpenAI module, or
 * decorated by {@code RunIdHttpClientBuilder}) and its MCP client (with
 * {@code RunIdMcpHeaders}) forward the run downstream while the application runs, unless
 * {@code run-id.outbound.enabled=false}, and delivers streamed responses in the run.
 */
@AutoConfiguration(after = RunIdAutoConfiguration.class)
@ConditionalOnClass(HttpClient.class)
@ConditionalOnBooleanProperty(name = "run-id.enabled", matchIfMissing = true)
@ImportRuntimeHints(RunIdLangChain4jRuntimeHints.class)
public final class RunIdLangChain4jAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RunIdLangChain4jForwarding runIdLangChain4jForwarding(RunIdProperties properties,
			ObjectProvider<RunIdForwarding> forwarding) {
		// no forwarding without spring-web (it holds the header rules); streamed
		// responses still arrive in the run
		return new RunIdLangChain4jForwarding(
				properties.getOutbound().isEnabled() ? forwarding.getIfAvailable() : null);
	}

}

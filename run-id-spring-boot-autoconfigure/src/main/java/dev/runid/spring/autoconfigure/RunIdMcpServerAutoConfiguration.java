package dev.runid.spring.autoconfigure;

import dev.runid.RunIdGenerator;
import dev.runid.spring.ai.mcp.RunIdMcpMeta;
import dev.runid.spring.ai.mcp.RunIdMcpServerSpecificationPostProcessor;
import dev.runid.spring.ai.mcp.RunIdMcpServerSpecifications;
import dev.runid.spring.registry.RunRecorder;
import dev.runid.spring.web.RunIdInboundResolver;
import io.modelcontextprotocol.server.McpServerFeatures;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that makes the tools, resources and prompts of an MCP server built
 * with Spring AI's MCP server starter (WebMVC, WebFlux, STDIO) run in the caller's run,
 * taken from the request's {@code _meta}, else from the HTTP header; with the run
 * registry, such a call records a segment of kind {@code mcp}.
 */
@AutoConfiguration(after = RunIdAutoConfiguration.class)
@ConditionalOnClass({ McpServerFeatures.class, Mono.class })
@ConditionalOnBooleanProperty(name = "run-id.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "run-id.mcp.enabled", matchIfMissing = true)
public final class RunIdMcpServerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RunIdMcpServerSpecifications runIdMcpServerSpecifications(RunIdProperties properties, RunIdGenerator generator,
			ObjectProvider<RunRecorder> recorder) {
		return new RunIdMcpServerSpecifications(
				new RunIdInboundResolver(generator, RunIdMcpMeta.RUN_ID_KEY, RunIdMcpMeta.PARENT_RUN_ID_KEY,
						properties.getInbound().getMode() == RunIdProperties.Inbound.Mode.ACCEPT,
						properties.getInbound().getOnInvalid() == RunIdProperties.Inbound.OnInvalid.REJECT),
				recorder::getIfAvailable);
	}

	@Bean
	@ConditionalOnMissingBean
	static RunIdMcpServerSpecificationPostProcessor runIdMcpServerSpecificationPostProcessor(
			ObjectProvider<RunIdMcpServerSpecifications> specifications) {
		return new RunIdMcpServerSpecificationPostProcessor(specifications);
	}

}

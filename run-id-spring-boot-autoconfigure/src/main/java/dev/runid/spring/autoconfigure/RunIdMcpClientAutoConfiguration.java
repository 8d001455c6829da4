package dev.runid.spring.autoconfigure;

import dev.runid.spring.ai.mcp.RunIdMcpClientTransportPostProcessor;
import dev.runid.spring.ai.mcp.RunIdMcpHttpClientRequestCustomizer;
import dev.runid.spring.ai.mcp.RunIdMcpSyncClientCustomizer;
import dev.runid.spring.client.RunIdForwarding;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.customizer.McpAsyncHttpClientRequestCustomizer;

import org.springframework.ai.mcp.client.common.autoconfigure.NamedClientMcpTransport;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

/**
 * Auto-configuration that makes the MCP clients of Spring AI's MCP client starter send
 * the current run with every request: in the request's {@code _meta} on every transport,
 * and as headers on the HTTP transports.
 */
@AutoConfiguration(after = RunIdAutoConfiguration.class)
@ConditionalOnClass({ McpSyncClient.class, NamedClientMcpTransport.class })
@ConditionalOnBooleanProperty(name = "run-id.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "run-id.outbound.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "run-id.mcp.enabled", matchIfMissing = true)
public final class RunIdMcpClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static RunIdMcpClientTransportPostProcessor runIdMcpClientTransportPostProcessor() {
		return new RunIdMcpClientTransportPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	RunIdMcpSyncClientCustomizer runIdMcpSyncClientCustomizer() {
		return new RunIdMcpSyncClientCustomizer();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ McpAsyncHttpClientRequestCustomizer.class, HttpHeaders.class })
	static class HttpTransportConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RunIdMcpHttpClientRequestCustomizer runIdMcpHttpClientRequestCustomizer(RunIdForwarding forwarding) {
			return new RunIdMcpHttpClientRequestCustomizer(forwarding);
		}

	}

}

package dev.runid.it.mcp;

import java.util.List;

import dev.runid.spring.ai.mcp.RunIdMcpClientTransport;
import dev.runid.spring.ai.mcp.RunIdMcpClientTransportPostProcessor;
import dev.runid.spring.ai.mcp.RunIdMcpHttpClientRequestCustomizer;
import dev.runid.spring.ai.mcp.RunIdMcpSyncClientCustomizer;
import dev.runid.spring.autoconfigure.RunIdAutoConfiguration;
import dev.runid.spring.autoconfigure.RunIdMcpClientAutoConfiguration;
import dev.runid.spring.client.RunIdForwarding;
import dev.runid.spring.client.RunIdHostFilter;
import io.modelcontextprotocol.client.McpSyncClient;
import org.junit.jupiter.api.Test;

import org.springframework.ai.mcp.client.common.autoconfigure.NamedClientMcpTransport;
import org.springframework.ai.mcp.client.common.autoconfigure.StdioTransportAutoConfiguration;
import org.springframework.ai.mcp.client.httpclient.autoconfigure.StreamableHttpHttpClientTransportAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RunIdMcpClientAutoConfiguration} with the transports of Spring AI's MCP client
 * starter.
 */
class RunIdMcpClientAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdMcpClientAutoConfiguration.class,
				StdioTransportAutoConfiguration.class, StreamableHttpHttpClientTransportAutoConfiguration.class))
		.withPropertyValues("spring.ai.mcp.client.stdio.connections.tools.command=/bin/true",
				"spring.ai.mcp.client.streamable-http.connections.remote.url=http://127.0.0.1:1");

	@Test
	void defaultBeansDecorateEveryTransportOfTheStarter() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(RunIdMcpClientTransportPostProcessor.class)
				.hasSingleBean(RunIdMcpSyncClientCustomizer.class)
				.hasSingleBean(RunIdMcpHttpClientRequestCustomizer.class);
			assertThat(transports(context)).hasSize(2)
				.allSatisfy((named) -> assertThat(named.transport()).isInstanceOf(RunIdMcpClientTransport.class));
		});
	}

	@Test
	void backsOffForUserBeans() {
		this.runner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context.getBean(RunIdMcpSyncClientCustomizer.class)).isSameAs(UserBeans.syncCustomizer);
			assertThat(context.getBean(RunIdMcpHttpClientRequestCustomizer.class))
				.isSameAs(UserBeans.requestCustomizer);
			assertThat(context.getBean(RunIdMcpClientTransportPostProcessor.class)).isSameAs(UserBeans.postProcessor);
		});
	}

	@Test
	void switchedOffByRunIdMcpEnabled() {
		this.runner.withPropertyValues("run-id.mcp.enabled=false").run(RunIdMcpClientAutoConfigurationTests::isOff);
	}

	@Test
	void switchedOffByRunIdEnabled() {
		this.runner.withPropertyValues("run-id.enabled=false").run(RunIdMcpClientAutoConfigurationTests::isOff);
	}

	@Test
	void switchedOffByOutboundEnabled() {
		this.runner.withPropertyValues("run-id.outbound.enabled=false")
			.run(RunIdMcpClientAutoConfigurationTests::isOff);
	}

	@Test
	void backsOffWithoutTheMcpSdk() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdMcpClientAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(McpSyncClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdMcpSyncClientCustomizer.class)
				.doesNotHaveBean(RunIdMcpClientTransportPostProcessor.class)
				.doesNotHaveBean(RunIdMcpHttpClientRequestCustomizer.class));
	}

	@Test
	void backsOffWithoutTheMcpClientStarter() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdMcpClientAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(NamedClientMcpTransport.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdMcpSyncClientCustomizer.class)
				.doesNotHaveBean(RunIdMcpClientTransportPostProcessor.class));
	}

	private static void isOff(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed()
			.doesNotHaveBean(RunIdMcpSyncClientCustomizer.class)
			.doesNotHaveBean(RunIdMcpClientTransportPostProcessor.class)
			.doesNotHaveBean(RunIdMcpHttpClientRequestCustomizer.class);
		assertThat(transports(context)).hasSize(2)
			.noneSatisfy((named) -> assertThat(named.transport()).isInstanceOf(RunIdMcpClientTransport.class));
	}

	@SuppressWarnings("unchecked")
	private static List<NamedClientMcpTransport> transports(AssertableApplicationContext context) {
		List<NamedClientMcpTransport> stdio = context.getBean("stdioTransports", List.class);
		List<NamedClientMcpTransport> http = context.getBean("streamableHttpHttpClientTransports", List.class);
		return java.util.stream.Stream.concat(stdio.stream(), http.stream()).toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		static final RunIdMcpSyncClientCustomizer syncCustomizer = new RunIdMcpSyncClientCustomizer();

		static final RunIdMcpHttpClientRequestCustomizer requestCustomizer = new RunIdMcpHttpClientRequestCustomizer(
				new RunIdForwarding("X-Run-Id", "X-Parent-Run-Id", RunIdHostFilter.of(List.of("tools.example.com"))));

		static final RunIdMcpClientTransportPostProcessor postProcessor = new RunIdMcpClientTransportPostProcessor();

		@Bean
		RunIdMcpSyncClientCustomizer userSyncCustomizer() {
			return syncCustomizer;
		}

		@Bean
		RunIdMcpHttpClientRequestCustomizer userRequestCustomizer() {
			return requestCustomizer;
		}

		@Bean
		static RunIdMcpClientTransportPostProcessor userPostProcessor() {
			return postProcessor;
		}

	}

}

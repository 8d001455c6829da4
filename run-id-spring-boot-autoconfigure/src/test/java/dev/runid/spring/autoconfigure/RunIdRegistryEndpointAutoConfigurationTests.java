package dev.runid.spring.autoconfigure;

import dev.runid.spring.registry.MemoryRunStore;
import dev.runid.spring.registry.RunRegistry;
import dev.runid.spring.registry.actuate.RunsEndpoint;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdRegistryEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdRegistryAutoConfiguration.class,
				RunIdRegistryEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=runs");

	@Test
	void endpointReadsTheRegistryWhenExposed() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RunsEndpoint.class);
			assertThat(context.getBean(RunsEndpoint.class)).extracting("registry")
				.isSameAs(context.getBean(RunRegistry.class));
		});
	}

	@Test
	void noEndpointWhenNotExposed() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdRegistryAutoConfiguration.class,
					RunIdRegistryEndpointAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(RunRegistry.class).doesNotHaveBean(RunsEndpoint.class));
	}

	@Test
	void noEndpointWithoutARegistry() {
		this.contextRunner.withPropertyValues("run-id.registry.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RunsEndpoint.class));
	}

	@Test
	void noEndpointWhenRunIdIsOff() {
		this.contextRunner.withPropertyValues("run-id.enabled=false")
			.withUserConfiguration(UserRegistry.class)
			.run((context) -> assertThat(context).doesNotHaveBean(RunsEndpoint.class));
	}

	@Test
	void noEndpointWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasSingleBean(RunRegistry.class).doesNotHaveBean(RunsEndpoint.class));
	}

	@Test
	void endpointReadsAUserRegistry() {
		this.contextRunner.withPropertyValues("run-id.registry.enabled=false")
			.withUserConfiguration(UserRegistry.class)
			.run((context) -> assertThat(context.getBean(RunsEndpoint.class)).extracting("registry")
				.isSameAs(context.getBean("userRegistry")));
	}

	@Test
	void backsOffForAUserEndpoint() {
		this.contextRunner.withUserConfiguration(UserEndpoint.class)
			.run((context) -> assertThat(context).getBean(RunsEndpoint.class)
				.isSameAs(context.getBean("userEndpoint")));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserRegistry {

		@Bean
		MemoryRunStore userRegistry() {
			return new MemoryRunStore(10);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpoint {

		@Bean
		RunsEndpoint userEndpoint() {
			return new RunsEndpoint(new MemoryRunStore(1));
		}

	}

}

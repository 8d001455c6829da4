package dev.runid.spring.autoconfigure;

import java.util.List;
import java.util.Optional;

import dev.runid.spring.dashboard.RunIdDashboard;
import dev.runid.spring.registry.MemoryRunStore;
import dev.runid.spring.registry.RunPage;
import dev.runid.spring.registry.RunQuery;
import dev.runid.spring.registry.RunRecord;
import dev.runid.spring.registry.RunRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RunIdDashboardAutoConfiguration}.
 */
class RunIdDashboardAutoConfigurationTests {

	private static final AutoConfigurations configurations = AutoConfigurations.of(RunIdAutoConfiguration.class,
			RunIdRegistryAutoConfiguration.class, RunIdDashboardAutoConfiguration.class);

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(configurations);

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(configurations);

	@Test
	void servesTheDashboardOnMvcOverTheRegistryWhenEnabled() {
		this.servlet.withPropertyValues("run-id.dashboard.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(RunIdDashboard.class)
				.hasSingleBean(org.springframework.web.servlet.function.RouterFunction.class)
				.hasBean("runIdDashboardRoutes");
			assertThat(context).doesNotHaveBean(org.springframework.web.reactive.function.server.RouterFunction.class);
			assertThat(context.getBean(RunIdDashboard.class).path()).isEqualTo("/run-id");
		});
	}

	@Test
	void servesTheDashboardOnWebFluxOverTheRegistryWhenEnabled() {
		this.reactive.withPropertyValues("run-id.dashboard.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(RunIdDashboard.class)
				.hasSingleBean(org.springframework.web.reactive.function.server.RouterFunction.class)
				.hasBean("runIdDashboardRoutes");
			assertThat(context).doesNotHaveBean(org.springframework.web.servlet.function.RouterFunction.class);
		});
	}

	@Test
	void isOffByDefault() {
		this.servlet.run((context) -> assertThat(context).hasSingleBean(MemoryRunStore.class)
			.doesNotHaveBean(RunIdDashboard.class)
			.doesNotHaveBean("runIdDashboardRoutes"));
		this.reactive.run((context) -> assertThat(context).doesNotHaveBean(RunIdDashboard.class)
			.doesNotHaveBean("runIdDashboardRoutes"));
	}

	@Test
	void isOffWhenRunIdIsDisabled() {
		this.servlet.withPropertyValues("run-id.dashboard.enabled=true", "run-id.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdDashboard.class)
				.doesNotHaveBean("runIdDashboardRoutes"));
	}

	@Test
	void needsARunRegistry() {
		this.servlet.withPropertyValues("run-id.dashboard.enabled=true", "run-id.registry.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RunRegistry.class)
				.doesNotHaveBean(RunIdDashboard.class)
				.doesNotHaveBean("runIdDashboardRoutes"));
	}

	@Test
	void showsAnApplicationsOwnRegistry() {
		this.servlet.withPropertyValues("run-id.dashboard.enabled=true", "run-id.registry.enabled=false")
			.withUserConfiguration(UserRegistry.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(RunIdDashboard.class).hasBean("runIdDashboardRoutes");
			});
	}

	@Test
	void backsOffForTheApplicationsOwnDashboardAndRoutes() {
		this.servlet.withPropertyValues("run-id.dashboard.enabled=true")
			.withUserConfiguration(UserDashboard.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(RunIdDashboard.class);
				assertThat(context.getBean(RunIdDashboard.class).path()).isEqualTo("/ops/runs");
				assertThat(context.getBean("runIdDashboardRoutes")).isEqualTo("the application's");
			});
	}

	@Test
	void servesUnderTheConfiguredPath() {
		this.servlet.withPropertyValues("run-id.dashboard.enabled=true", "run-id.dashboard.path=/ops/run-id_v2.~x")
			.run((context) -> assertThat(context.getBean(RunIdDashboard.class).path()).isEqualTo("/ops/run-id_v2.~x"));
	}

	@Test
	void failsAtStartupNamingThePropertyForABadPath() {
		for (String path : List.of("run-id", "/", "/run-id/", "/ops//runs", "/ops/../runs", "/./runs", "/run id",
				"/<script>", "/run-id?x=1", "/r%41")) {
			this.servlet.withPropertyValues("run-id.dashboard.enabled=true", "run-id.dashboard.path=" + path)
				.run((context) -> {
					assertThat(context).as(path).hasFailed();
					assertThat(context.getStartupFailure()).as(path)
						.rootCause()
						.isInstanceOf(InvalidConfigurationPropertyValueException.class)
						.hasMessageContaining("run-id.dashboard.path");
				});
		}
	}

	@Test
	void leavesOutTheMvcRoutesWithoutFunctionalMvc() {
		this.servlet.withPropertyValues("run-id.dashboard.enabled=true")
			.withClassLoader(new FilteredClassLoader(org.springframework.web.servlet.function.RouterFunction.class))
			.run((context) -> assertThat(context).doesNotHaveBean("runIdDashboardRoutes"));
	}

	@Test
	void leavesOutTheWebFluxRoutesWithoutFunctionalWebFlux() {
		this.reactive.withPropertyValues("run-id.dashboard.enabled=true")
			.withClassLoader(
					new FilteredClassLoader(org.springframework.web.reactive.function.server.RouterFunction.class))
			.run((context) -> assertThat(context).doesNotHaveBean("runIdDashboardRoutes"));
	}

	@Test
	void servesNothingOutsideAWebApplication() {
		new ApplicationContextRunner().withConfiguration(configurations)
			.withPropertyValues("run-id.dashboard.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(RunRegistry.class)
				.doesNotHaveBean(RunIdDashboard.class)
				.doesNotHaveBean("runIdDashboardRoutes"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserRegistry {

		@Bean
		RunRegistry userRegistry() {
			return new RunRegistry() {

				@Override
				public Optional<RunRecord> find(String id) {
					return Optional.empty();
				}

				@Override
				public RunPage query(RunQuery query) {
					return new RunPage(List.of(), null);
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserDashboard {

		@Bean
		RunIdDashboard userDashboard(RunRegistry registry) {
			return new RunIdDashboard(registry, "/ops/runs");
		}

		@Bean
		String runIdDashboardRoutes() {
			return "the application's";
		}

	}

}

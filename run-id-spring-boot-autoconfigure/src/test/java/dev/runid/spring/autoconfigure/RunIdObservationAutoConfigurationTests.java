package dev.runid.spring.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.observation.RunIdObservationFilter;
import dev.runid.spring.observation.RunIdObservationHandler;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RunIdObservationAutoConfiguration}.
 */
class RunIdObservationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdObservationAutoConfiguration.class,
				ObservationAutoConfiguration.class));

	@Test
	void putsTheRunOnObservationsOfBootsObservationRegistry() {
		this.contextRunner.withUserConfiguration(StoppedContexts.class).run((context) -> {
			assertThat(context).hasSingleBean(RunIdObservationFilter.class)
				.hasSingleBean(RunIdObservationHandler.class);
			ObservationRegistry registry = context.getBean(ObservationRegistry.class);
			RunId child = RunId.generate(RunId.fromString("parent-run"));
			RunContext.run(child, () -> Observation.createNotStarted("agent.step", registry).observe(() -> {
			}));
			Observation.Context stopped = context.getBean(StoppedContexts.class).last();
			assertThat(stopped.getHighCardinalityKeyValues()).containsExactlyInAnyOrder(
					KeyValue.of("run.id", child.value()), KeyValue.of("run.parent.id", "parent-run"));
			assertThat(stopped.getLowCardinalityKeyValues()).isEmpty();
		});
	}

	@Test
	void readsTheConfiguredRunHeaders() {
		this.contextRunner.withPropertyValues("run-id.header-name=X-Agent-Run")
			.run((context) -> assertThat(context.getBean(RunIdObservationFilter.class))
				.hasToString("RunIdObservationFilter[headers X-Agent-Run, X-Parent-Run-Id]"));
	}

	@Test
	void backsOffForUserBeans() {
		this.contextRunner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).hasSingleBean(RunIdObservationFilter.class).hasBean("userFilter");
			assertThat(context).hasSingleBean(RunIdObservationHandler.class).hasBean("userHandler");
		});
	}

	@Test
	void doesNothingWhenTracingIsSwitchedOff() {
		this.contextRunner.withUserConfiguration(StoppedContexts.class)
			.withPropertyValues("run-id.tracing.enabled=false")
			.run((context) -> {
				assertHasNoObservationSupport(context);
				ObservationRegistry registry = context.getBean(ObservationRegistry.class);
				RunContext.run(RunId.fromString("run-1"),
						() -> Observation.createNotStarted("agent.step", registry).observe(() -> {
						}));
				assertThat(context.getBean(StoppedContexts.class).last().getAllKeyValues()).isEmpty();
			});
	}

	@Test
	void backsOffWithoutMicrometerObservation() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ObservationRegistry.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertHasNoObservationSupport(context);
		});
	}

	private void assertHasNoObservationSupport(AssertableApplicationContext context) {
		assertThat(context).doesNotHaveBean(RunIdObservationFilter.class)
			.doesNotHaveBean(RunIdObservationHandler.class);
	}

	/**
	 * Keeps the context of every observation that stops; Boot adds it to the registry.
	 */
	@Configuration(proxyBeanMethods = false)
	static class StoppedContexts {

		private final List<Observation.Context> contexts = new CopyOnWriteArrayList<>();

		@Bean
		ObservationHandler<Observation.Context> stoppedContexts() {
			return new ObservationHandler<>() {

				@Override
				public void onStop(Observation.Context context) {
					StoppedContexts.this.contexts.add(context);
				}

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}

			};
		}

		Observation.Context last() {
			assertThat(this.contexts).isNotEmpty();
			return this.contexts.get(this.contexts.size() - 1);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		@Bean
		RunIdObservationFilter userFilter() {
			return new RunIdObservationFilter("X-Agent-Run", "X-Agent-Parent");
		}

		@Bean
		RunIdObservationHandler userHandler() {
			return new RunIdObservationHandler();
		}

	}

}

package dev.runid.spring.autoconfigure;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.reactor.RunIdSchedulerHook;
import dev.runid.spring.reactor.RunIdReactorContextPropagation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RunIdReactorAutoConfiguration}.
 */
class RunIdReactorAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdReactorAutoConfiguration.class));

	@BeforeEach
	@AfterEach
	void startFromReactorsDefault() {
		Hooks.disableAutomaticContextPropagation();
	}

	@Test
	void installsSchedulerHookAndLeavesAutomaticContextPropagationOffByDefault() throws Exception {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RunIdSchedulerHook.class)
				.doesNotHaveBean(RunIdReactorContextPropagation.class);
			assertThat(Hooks.isAutomaticContextPropagationEnabled()).isFalse();
			assertThat(runSeenOnParallelScheduler()).isEqualTo("scheduled-run");
		});
		assertThat(runSeenOnParallelScheduler()).as("after close").isNull();
	}

	@Test
	void keepsSchedulerHookUntilTheLastContextCloses() throws Exception {
		this.contextRunner.run((first) -> {
			this.contextRunner.run((second) -> assertThat(runSeenOnParallelScheduler()).isEqualTo("scheduled-run"));
			assertThat(runSeenOnParallelScheduler()).isEqualTo("scheduled-run");
		});
		assertThat(runSeenOnParallelScheduler()).isNull();
	}

	@Test
	void servletAndNonWebApplicationsGetTheSchedulerHookToo() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdReactorAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(RunIdSchedulerHook.class));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdReactorAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(RunIdSchedulerHook.class));
	}

	@Test
	void installsSchedulerHookWithLazyInitialization() {
		this.contextRunner
			.withInitializer(
					(context) -> context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
			.run((context) -> assertThat(runSeenOnParallelScheduler()).isEqualTo("scheduled-run"));
	}

	@Test
	void turnsOnAutomaticContextPropagationWhenAskedWhileRunningAndOffAfterwards() {
		this.contextRunner.withPropertyValues("run-id.reactor.automatic-context-propagation=true").run((context) -> {
			assertThat(context).hasSingleBean(RunIdReactorContextPropagation.class);
			assertThat(Hooks.isAutomaticContextPropagationEnabled()).as("while running").isTrue();
		});
		assertThat(Hooks.isAutomaticContextPropagationEnabled()).as("after close").isFalse();
	}

	@Test
	void leavesAutomaticContextPropagationOnWhenItWasOnBefore() {
		Hooks.enableAutomaticContextPropagation();
		this.contextRunner.withPropertyValues("run-id.reactor.automatic-context-propagation=true")
			.run((context) -> assertThat(context).hasSingleBean(RunIdReactorContextPropagation.class));
		assertThat(Hooks.isAutomaticContextPropagationEnabled()).isTrue();
	}

	@Test
	void keepsAutomaticContextPropagationOnUntilTheLastContextCloses() {
		ReactiveWebApplicationContextRunner runner = this.contextRunner
			.withPropertyValues("run-id.reactor.automatic-context-propagation=true");
		runner.run((first) -> {
			runner.run((second) -> assertThat(Hooks.isAutomaticContextPropagationEnabled()).isTrue());
			assertThat(Hooks.isAutomaticContextPropagationEnabled()).isTrue();
		});
		assertThat(Hooks.isAutomaticContextPropagationEnabled()).isFalse();
	}

	@Test
	void turnsOnAutomaticContextPropagationWithLazyInitialization() {
		this.contextRunner.withPropertyValues("run-id.reactor.automatic-context-propagation=true")
			.withInitializer(
					(context) -> context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
			.run((context) -> assertThat(Hooks.isAutomaticContextPropagationEnabled()).isTrue());
	}

	@Test
	void leavesReactorAloneWithoutContextPropagationLibrary() {
		this.contextRunner.withPropertyValues("run-id.reactor.automatic-context-propagation=true")
			.withClassLoader(new FilteredClassLoader("io.micrometer.context"))
			.run((context) -> {
				assertThat(context).hasSingleBean(RunIdSchedulerHook.class)
					.doesNotHaveBean(RunIdReactorContextPropagation.class);
				assertThat(Hooks.isAutomaticContextPropagationEnabled()).isFalse();
			});
	}

	@Test
	void doesNothingWhenDisabled() {
		this.contextRunner
			.withPropertyValues("run-id.enabled=false", "run-id.reactor.automatic-context-propagation=true")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RunIdSchedulerHook.class)
					.doesNotHaveBean(RunIdReactorContextPropagation.class);
				assertThat(Hooks.isAutomaticContextPropagationEnabled()).isFalse();
				assertThat(runSeenOnParallelScheduler()).isNull();
			});
	}

	@Test
	void backsOffWithoutReactor() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Schedulers.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdSchedulerHook.class));
	}

	/**
	 * The run a task on Reactor's parallel scheduler sees when scheduled inside run
	 * {@code scheduled-run}.
	 */
	private static String runSeenOnParallelScheduler() throws Exception {
		CompletableFuture<String> seen = new CompletableFuture<>();
		try (RunContext scope = RunContext.enter(RunId.fromString("scheduled-run"))) {
			Schedulers.parallel().schedule(() -> seen.complete(RunContext.current().map(RunId::value).orElse(null)));
		}
		return seen.get(10, TimeUnit.SECONDS);
	}

}

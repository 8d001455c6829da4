package dev.runid.spring.autoconfigure;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.runid.MdcKeys;
import dev.runid.RunContext;
import dev.runid.RunIdGenerator;
import dev.runid.spring.scope.RunScope;
import dev.runid.spring.client.RunIdForwarding;
import dev.runid.spring.web.RunIdInboundResolver;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.AbstractApplicationContextRunner;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class));

	@Test
	void suppliesDefaults() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RunIdGenerator.class)
				.hasSingleBean(RunScope.class)
				.hasSingleBean(RunIdInboundResolver.class)
				.hasSingleBean(RunIdForwarding.class)
				.hasSingleBean(RunIdProperties.class);
			assertThat(context.getBean(RunIdGenerator.class)).isSameAs(RunIdGenerator.uuid7());
			assertThat(context.getBean(RunIdForwarding.class).headerName()).isEqualTo("X-Run-Id");
			assertThat(context.getBean(RunIdForwarding.class).parentHeaderName()).isEqualTo("X-Parent-Run-Id");
			assertThat(context.getBean(RunIdForwarding.class).baggage()).isFalse();
			assertThat(context.getBeanFactory().getRegisteredScope(RunScope.NAME))
				.isSameAs(context.getBean(RunScope.class));
		});
	}

	@Test
	void forwardsTheRunAsBaggageByProperty() {
		this.contextRunner.withPropertyValues("run-id.tracing.baggage.enabled=true")
			.run((context) -> assertThat(context.getBean(RunIdForwarding.class).baggage()).isTrue());
	}

	@Test
	void uuid4GeneratorByProperty() {
		this.contextRunner.withPropertyValues("run-id.generator=uuid4").run((context) -> {
			String value = context.getBean(RunIdGenerator.class).generate();
			assertThat(UUID.fromString(value).version()).isEqualTo(4);
		});
	}

	@Test
	void userGeneratorWins() {
		this.contextRunner.withUserConfiguration(PrefixedGenerator.class)
			.withPropertyValues("run-id.generator=uuid4")
			.run((context) -> {
				assertThat(context).hasSingleBean(RunIdGenerator.class);
				assertThat(context.getBean(RunIdInboundResolver.class).generate().value()).startsWith("run_");
			});
	}

	@Test
	void installsMdcKeysWhileRunningAndRestoresThemOnClose() {
		this.contextRunner.withPropertyValues("run-id.mdc-key=rid", "run-id.parent-mdc-key=prid")
			.run((context) -> assertThat(RunContext.mdcKeys()).isEqualTo(new MdcKeys("rid", "prid")));
		assertThat(RunContext.mdcKeys()).isEqualTo(MdcKeys.DEFAULT);
	}

	@Test
	void contextsStoppingOutOfOrderLeaveTheKeysOfTheOneStillRunning() {
		this.contextRunner.withPropertyValues("run-id.mdc-key=first", "run-id.parent-mdc-key=first-parent")
			.run((first) -> {
				ConfigurableApplicationContext[] second = new ConfigurableApplicationContext[1];
				this.contextRunner.withPropertyValues("run-id.mdc-key=second", "run-id.parent-mdc-key=second-parent")
					.run((context) -> {
						assertThat(RunContext.mdcKeys()).isEqualTo(new MdcKeys("second", "second-parent"));
						first.close();
						assertThat(RunContext.mdcKeys()).as("after the first context stopped")
							.isEqualTo(new MdcKeys("second", "second-parent"));
						second[0] = context;
					});
				assertThat(second[0].isActive()).isFalse();
				assertThat(RunContext.mdcKeys()).as("after both stopped").isEqualTo(MdcKeys.DEFAULT);
			});
		assertThat(RunContext.mdcKeys()).isEqualTo(MdcKeys.DEFAULT);
	}

	@Test
	void switchedOffLeavesOnlyTheRunScopeOfAllRunIdBeans() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class,
					RunIdTaskExecutionAutoConfiguration.class, RunIdSchedulingAutoConfiguration.class,
					RunIdObservationAutoConfiguration.class, RunIdReactorAutoConfiguration.class,
					RunIdRestClientAutoConfiguration.class, RunIdWebClientAutoConfiguration.class))
			.withPropertyValues("run-id.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(RunScope.class);
				List<String> runIdBeans = Arrays.stream(context.getBeanDefinitionNames())
					.filter((name) -> context.getType(name) != null
							&& context.getType(name).getPackageName().startsWith("dev.runid"))
					.map((name) -> RunIdGenerator.class.isAssignableFrom(context.getType(name))
							? RunIdGenerator.class.getSimpleName() : context.getType(name).getSimpleName())
					.filter((type) -> !type.endsWith("AutoConfiguration"))
					.toList();
				assertThat(runIdBeans).containsExactlyInAnyOrder("RunIdProperties", "RunIdGenerator", "RunIdMdcKeys",
						"RunScope");
			});
	}

	@Test
	void switchedOffAddsNothingButTheRunScopeWithEveryAutoConfigurationOnEveryWebType() {
		List<String> names = ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())
			.getCandidates()
			.stream()
			.filter((name) -> name.startsWith("dev.runid."))
			.toList();
		assertThat(names).contains(RunIdServletAutoConfiguration.class.getName(),
				RunIdWebFluxAutoConfiguration.class.getName(), RunIdTaskExecutionAutoConfiguration.class.getName(),
				RunIdSchedulingAutoConfiguration.class.getName(), RunIdObservationAutoConfiguration.class.getName());
		AutoConfigurations all = AutoConfigurations.of(names.stream().map(this::load).toArray(Class<?>[]::new));
		assertSwitchedOff(new ApplicationContextRunner().withConfiguration(all));
		assertSwitchedOff(new WebApplicationContextRunner().withConfiguration(all));
		assertSwitchedOff(new ReactiveWebApplicationContextRunner().withConfiguration(all));
	}

	private <R extends AbstractApplicationContextRunner<R, ?, ?>> void assertSwitchedOff(R runner) {
		String kind = runner.getClass().getSimpleName();
		runner.withPropertyValues("run-id.enabled=false").run((context) -> {
			assertThat(context).as(kind).hasNotFailed();
			assertThat(runIdBeans(context)).as(kind)
				.containsExactlyInAnyOrder("RunIdProperties", "RunIdGenerator", "RunIdMdcKeys", "RunScope");
		});
	}

	private static List<String> runIdBeans(ApplicationContext context) {
		return Arrays.stream(context.getBeanDefinitionNames())
			.map(context::getType)
			.filter((type) -> type != null && type.getPackageName().startsWith("dev.runid"))
			.map((type) -> RunIdGenerator.class.isAssignableFrom(type) ? RunIdGenerator.class.getSimpleName()
					: type.getSimpleName())
			.filter((type) -> !type.endsWith("AutoConfiguration"))
			.toList();
	}

	private Class<?> load(String name) {
		try {
			return Class.forName(name, false, getClass().getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void startsWithoutSpringWebAndForwardsNothing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HttpHeaders.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(RunIdInboundResolver.class)
				.doesNotHaveBean(RunIdForwarding.class));
	}

	@Test
	void failsAtStartupOnSameMdcKeys() {
		this.contextRunner.withPropertyValues("run-id.mdc-key=same", "run-id.parent-mdc-key=same")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("run-id.mdc-key"));
	}

	@Configuration(proxyBeanMethods = false)
	static class PrefixedGenerator {

		@Bean
		RunIdGenerator prefixed() {
			return () -> "run_" + RunIdGenerator.uuid7().generate();
		}

	}

}

package dev.runid.spring.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.registry.MemoryRunStore;
import dev.runid.spring.registry.RunPage;
import dev.runid.spring.registry.RunQuery;
import dev.runid.spring.registry.RunRecord;
import dev.runid.spring.registry.RunRecorder;
import dev.runid.spring.registry.RunRegistry;
import dev.runid.spring.registry.RunSegmentRecord;
import dev.runid.spring.registry.RunStatus;
import dev.runid.spring.registry.RunStore;
import dev.runid.spring.registry.web.RunPrincipalHandlerInterceptor;
import dev.runid.spring.registry.web.RunPrincipalWebFilter;
import dev.runid.spring.usage.RunUsage;
import dev.runid.spring.usage.RunUsageListener;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdRegistryAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdRegistryAutoConfiguration.class));

	@Test
	void aStoreThatThrowsLeavesNoRunBehind() {
		this.contextRunner.withBean(RunStore.class, ThrowingStore::new).run((context) -> {
			RunRecorder recorder = context.getBean(RunRecorder.class);
			RunId runId = RunId.fromString("store-down");
			try (RunContext scope = RunContext.enter(runId)) {
				assertThat(RunContext.current()).contains(runId);
			}
			assertThat(RunContext.current()).isEmpty();
			assertThat(recorder.failedWrites()).isEqualTo(2);
		});
	}

	@Test
	void twoContextsInOneJvmRecordOnlyTheEntriesAnnouncedToThem() {
		this.contextRunner.withPropertyValues("spring.application.name=first").run((first) -> {
			this.contextRunner.withPropertyValues("spring.application.name=second").run((second) -> {
				RunRecorder recorder = second.getBean(RunRecorder.class);
				RunId runId = RunId.fromString("second-only");
				recorder.announce(runId, "http", "GET /second");
				try (RunContext scope = RunContext.enter(runId)) {
					assertThat(recorder.claim(runId)).isNotNull();
				}
				assertThat(second.getBean(RunRegistry.class).find("second-only")).get()
					.satisfies((run) -> assertThat(run.segments()).singleElement()
						.satisfies((segment) -> assertThat(segment.name()).isEqualTo("GET /second")));
				assertThat(first.getBean(RunRegistry.class).find("second-only")).isEmpty();
			});
		});
	}

	@Test
	void recordsRunsIntoTheMemoryStoreByDefault() {
		this.contextRunner.withPropertyValues("spring.application.name=orders").run((context) -> {
			assertThat(context).hasSingleBean(MemoryRunStore.class)
				.hasSingleBean(RunRecorder.class)
				.hasSingleBean(RunRegistry.class);
			RunRecorder recorder = context.getBean(RunRecorder.class);
			assertThat(context.getBean(RunUsageListener.class)).isSameAs(recorder);
			assertThat(recorder.service()).isEqualTo("orders");
			assertThat(recorder.instance()).matches(".+:\\d+:[0-9a-f]{8}");
			RunContext.run(RunId.fromString("ctx-manual"), () -> {
				RunContext.setAttribute("step", "one");
				recorder.usageRecorded(RunId.fromString("ctx-manual"), new RunUsage(1, 100, 20));
			});
			RunRecord run = context.getBean(RunRegistry.class).find("ctx-manual").orElseThrow();
			assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
			assertThat(run.attributes()).containsExactly(Map.entry("step", "one"));
			assertThat(run.usage()).isEqualTo(new RunUsage(1, 100, 20));
			assertThat(run.segments()).singleElement().satisfies((segment) -> {
				assertThat(segment.kind()).isEqualTo("manual");
				assertThat(segment.name()).isEqualTo(Thread.currentThread().getName());
				assertThat(segment.service()).isEqualTo("orders");
			});
		});
	}

	@Test
	void nestedScopesAndWrappedTasksOfARunMakeOneSegment() {
		this.contextRunner.run((context) -> {
			RunId runId = RunId.fromString("ctx-nested");
			RunContext.run(runId, () -> {
				RunContext.run(runId, () -> RunContext.setAttribute("inner", "yes"));
				Thread worker = new Thread(RunContext.wrap(() -> RunContext.setAttribute("worker", "yes")));
				worker.start();
				try {
					worker.join();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			RunRecord run = context.getBean(RunRegistry.class).find("ctx-nested").orElseThrow();
			assertThat(run.segments()).hasSize(1);
			assertThat(run.attributes()).containsOnlyKeys("inner", "worker");
		});
	}

	@Test
	void countsDroppedAttributesInAMicrometerMeter() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				FunctionCounter dropped = registry.get(RunIdRegistryAutoConfiguration.ATTRIBUTES_DROPPED_METER)
					.functionCounter();
				assertThat(dropped.getId().getBaseUnit()).isEqualTo("attributes");
				double before = dropped.count();
				RunContext.run(RunId.fromString("ctx-many-attributes"), () -> {
					for (int i = 0; i < RunRecorder.MAX_ATTRIBUTES + 3; i++) {
						RunContext.setAttribute("key" + i, "value");
					}
					// a key it has already is replaced, not dropped
					RunContext.setAttribute("key0", "again");
				});
				assertThat(dropped.count() - before).isEqualTo(3.0);
				assertThat(context.getBean(RunRegistry.class).find("ctx-many-attributes").orElseThrow().attributes())
					.hasSize(RunRecorder.MAX_ATTRIBUTES)
					.containsEntry("key0", "again");
			});
	}

	@Test
	void droppedAttributesMeterBacksOffForAUserBinderOfThatNameAndNeedsMicrometer() {
		this.contextRunner.withBean("runIdRegistryMeters", MeterBinder.class, () -> (registry) -> {
		}).run((context) -> assertThat(context).hasSingleBean(MeterBinder.class));
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasSingleBean(RunRecorder.class)
				.doesNotHaveBean("runIdRegistryMeters"));
	}

	@Test
	void serviceIsApplicationWithoutAnApplicationName() {
		this.contextRunner
			.run((context) -> assertThat(context.getBean(RunRecorder.class).service()).isEqualTo("application"));
	}

	@Test
	void memoryStoreKeepsTheConfiguredNumberOfRuns() {
		this.contextRunner.withPropertyValues("run-id.registry.memory.capacity=2").run((context) -> {
			for (int i = 0; i < 5; i++) {
				RunContext.run(RunId.fromString("ctx-capacity-" + i), () -> {
				});
			}
			MemoryRunStore store = context.getBean(MemoryRunStore.class);
			assertThat(store.size()).isEqualTo(2);
			assertThat(store.find("ctx-capacity-4")).isPresent();
			assertThat(store.find("ctx-capacity-0")).isEmpty();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "16777217" })
	void invalidCapacityFailsAtStartupNamingTheProperty(String capacity) {
		this.contextRunner.withPropertyValues("run-id.registry.memory.capacity=" + capacity)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("run-id.registry.memory.capacity")
				.hasMessageContaining("It must be from 1 to 16777216."));
	}

	@Test
	void backsOffForAUserStoreAndRecordsIntoIt() {
		this.contextRunner.withUserConfiguration(UserStore.class).run((context) -> {
			assertThat(context).doesNotHaveBean(MemoryRunStore.class).hasSingleBean(RunRecorder.class);
			RunContext.run(RunId.fromString("ctx-user-store"), () -> {
			});
			assertThat(context.getBean(CountingStore.class).saved).isEqualTo(2);
		});
	}

	@Test
	void backsOffForAUserRecorder() {
		this.contextRunner.withUserConfiguration(UserRecorder.class)
			.run((context) -> assertThat(context).getBean(RunRecorder.class).isSameAs(context.getBean("userRecorder")));
	}

	@Test
	void jdbcStoreWithoutAJdbcStoreFailsAtStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("run-id.registry.store=jdbc")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("run-id.registry.store"));
	}

	@Test
	void jdbcStoreUsesTheStoreThatTheJdbcSupportDefines() {
		this.contextRunner.withPropertyValues("run-id.registry.store=jdbc")
			.withUserConfiguration(UserStore.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MemoryRunStore.class)
				.hasSingleBean(RunRecorder.class));
	}

	@Test
	void switchedOffByProperty() {
		this.contextRunner.withPropertyValues("run-id.registry.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(RunStore.class).doesNotHaveBean(RunRecorder.class);
			RunContext.run(RunId.fromString("ctx-off"), () -> RunContext.setAttribute("ignored", "yes"));
		});
	}

	@Test
	void switchedOffWithRunId() {
		this.contextRunner.withPropertyValues("run-id.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RunStore.class).doesNotHaveBean(RunRecorder.class));
	}

	@Test
	void principalIsRecordedOnlyWhenAskedAndOnlyInWebApplications() {
		WebApplicationContextRunner servlet = new WebApplicationContextRunner().withConfiguration(
				AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdRegistryAutoConfiguration.class));
		servlet.run((context) -> assertThat(context).doesNotHaveBean(RunPrincipalHandlerInterceptor.class));
		servlet.withPropertyValues("run-id.registry.include-principal=true")
			.run((context) -> assertThat(context).hasSingleBean(RunPrincipalHandlerInterceptor.class)
				.doesNotHaveBean(RunPrincipalWebFilter.class));
		servlet.withPropertyValues("run-id.registry.include-principal=true")
			.withClassLoader(new FilteredClassLoader(WebMvcConfigurer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RunPrincipalHandlerInterceptor.class));
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdRegistryAutoConfiguration.class))
			.withPropertyValues("run-id.registry.include-principal=true")
			.run((context) -> assertThat(context).hasSingleBean(RunPrincipalWebFilter.class)
				.doesNotHaveBean(RunPrincipalHandlerInterceptor.class));
		this.contextRunner.withPropertyValues("run-id.registry.include-principal=true")
			.run((context) -> assertThat(context).doesNotHaveBean(RunPrincipalHandlerInterceptor.class)
				.doesNotHaveBean(RunPrincipalWebFilter.class));
	}

	@Test
	void principalConfigurerStaysWithTheApplicationsConfigurersAndBacksOffForOneOfItsName() {
		WebApplicationContextRunner servlet = new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdRegistryAutoConfiguration.class))
			.withPropertyValues("run-id.registry.include-principal=true");
		WebMvcConfigurer own = new WebMvcConfigurer() {
		};
		servlet.withBean("userConfigurer", WebMvcConfigurer.class, () -> own)
			.run((context) -> assertThat(context.getBeansOfType(WebMvcConfigurer.class)).hasSize(2)
				.containsKey("runPrincipalWebMvcConfigurer"));
		servlet.withBean("runPrincipalWebMvcConfigurer", WebMvcConfigurer.class, () -> own)
			.run((context) -> assertThat(context.getBean("runPrincipalWebMvcConfigurer")).isSameAs(own));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserStore {

		@Bean
		CountingStore countingStore() {
			return new CountingStore();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRecorder {

		@Bean
		RunRecorder userRecorder(RunStore store, dev.runid.spring.scope.RunScope scope) {
			return new RunRecorder(store, scope, "custom", "custom-1");
		}

	}

	static final class CountingStore implements RunStore {

		volatile int saved;

		@Override
		public synchronized void save(RunSegmentRecord record) {
			this.saved++;
		}

		@Override
		public Optional<RunRecord> find(String id) {
			return Optional.empty();
		}

		@Override
		public RunPage query(RunQuery query) {
			return new RunPage(java.util.List.of(), null);
		}

	}

	static final class ThrowingStore implements RunStore {

		@Override
		public void save(RunSegmentRecord record) {
			throw new IllegalStateException("store down");
		}

		@Override
		public Optional<RunRecord> find(String id) {
			return Optional.empty();
		}

		@Override
		public RunPage query(RunQuery query) {
			return new RunPage(List.of(), null);
		}

	}

}

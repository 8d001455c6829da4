package dev.runid.spring.autoconfigure;

import java.time.Duration;
import java.util.Optional;

import dev.runid.spring.registry.RunPage;
import dev.runid.spring.registry.RunQuery;
import dev.runid.spring.registry.RunRecord;
import dev.runid.spring.registry.RunSegmentRecord;
import dev.runid.spring.registry.RunStore;
import dev.runid.spring.registry.jdbc.JdbcRunStore;
import dev.runid.spring.registry.jdbc.JdbcRunStoreSchemaInitializer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdRegistryJdbcAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class, DataSourceAutoConfiguration.class,
				RunIdRegistryJdbcAutoConfiguration.class))
		.withPropertyValues("run-id.registry.store=jdbc", "spring.datasource.generate-unique-name=true");

	@Test
	void suppliesAJdbcStoreAndCreatesItsTablesInAnEmbeddedDatabase() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(JdbcRunStore.class).hasSingleBean(JdbcRunStoreSchemaInitializer.class);
			assertThat(JdbcClient.create(context.getBean(javax.sql.DataSource.class))
				.sql("SELECT COUNT(*) FROM run_id_segment")
				.query(Integer.class)
				.single()).isZero();
			assertThat(context.getBean(JdbcRunStore.class).isRunning()).isTrue();
		});
	}

	@Test
	void createsNoTablesWhenTheSchemaIsNeverInitialized() {
		this.contextRunner.withPropertyValues("run-id.registry.jdbc.initialize-schema=never").run((context) -> {
			Integer tables = JdbcClient.create(context.getBean(javax.sql.DataSource.class))
				.sql("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_NAME) = 'run_id_segment'")
				.query(Integer.class)
				.single();
			assertThat(tables).isZero();
			assertThat(context).hasSingleBean(JdbcRunStore.class);
		});
	}

	@Test
	void bindsTheStoreSettings() {
		this.contextRunner
			.withPropertyValues("run-id.registry.jdbc.queue-capacity=7", "run-id.registry.jdbc.flush-interval=2s",
					"run-id.registry.jdbc.retention=1d")
			.run((context) -> {
				RunIdProperties.Registry.Jdbc jdbc = context.getBean(RunIdProperties.class).getRegistry().getJdbc();
				assertThat(jdbc.getQueueCapacity()).isEqualTo(7);
				assertThat(jdbc.getFlushInterval()).isEqualTo(Duration.ofSeconds(2));
				assertThat(jdbc.getRetention()).isEqualTo(Duration.ofDays(1));
			});
	}

	@Test
	void failsNamingThePropertyForASettingOutOfRange() {
		this.contextRunner.withPropertyValues("run-id.registry.jdbc.queue-capacity=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("run-id.registry.jdbc.queue-capacity"));
		this.contextRunner.withPropertyValues("run-id.registry.jdbc.flush-interval=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("run-id.registry.jdbc.flush-interval"));
	}

	@Test
	void failsNamingTheStorePropertyWithoutADataSource() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdRegistryJdbcAutoConfiguration.class))
			.withPropertyValues("run-id.registry.store=jdbc")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("run-id.registry.store")
				.hasMessageContaining("DataSource"));
	}

	@Test
	void registersTheStoreMetersWithMicrometer() {
		this.contextRunner.withBean(SimpleMeterRegistry.class).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			context.getBean("runIdJdbcRunStoreMeters", io.micrometer.core.instrument.binder.MeterBinder.class)
				.bindTo(registry);
			assertThat(registry.get(RunIdRegistryJdbcAutoConfiguration.DROPPED_METER).functionCounter())
				.extracting(FunctionCounter::count)
				.isEqualTo(0.0);
			assertThat(registry.get(RunIdRegistryJdbcAutoConfiguration.QUEUED_METER).gauge()).extracting(Gauge::value)
				.isEqualTo(0.0);
		});
	}

	@Test
	void notSuppliedForTheMemoryStore() {
		this.contextRunner.withPropertyValues("run-id.registry.store=memory")
			.run((context) -> assertThat(context).doesNotHaveBean(JdbcRunStore.class)
				.doesNotHaveBean(JdbcRunStoreSchemaInitializer.class));
	}

	@Test
	void notSuppliedWithoutAStoreSetting() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class, DataSourceAutoConfiguration.class,
					RunIdRegistryJdbcAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(JdbcRunStore.class));
	}

	@Test
	void backsOffForAUserStore() {
		this.contextRunner.withUserConfiguration(UserStore.class)
			.run((context) -> assertThat(context).hasSingleBean(RunStore.class)
				.doesNotHaveBean(JdbcRunStore.class)
				.doesNotHaveBean(JdbcRunStoreSchemaInitializer.class));
	}

	@Test
	void switchedOffByRegistryProperty() {
		this.contextRunner.withPropertyValues("run-id.registry.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(JdbcRunStore.class));
	}

	@Test
	void switchedOffByEnabledProperty() {
		this.contextRunner.withPropertyValues("run-id.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(JdbcRunStore.class));
	}

	@Test
	void backsOffWithoutSpringJdbc() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(JdbcClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(JdbcRunStore.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserStore {

		@Bean
		RunStore userStore() {
			return new RunStore() {

				@Override
				public void save(RunSegmentRecord record) {
				}

				@Override
				public Optional<RunRecord> find(String id) {
					return Optional.empty();
				}

				@Override
				public RunPage query(RunQuery query) {
					return new RunPage(java.util.List.of(), null);
				}

			};
		}

	}

}

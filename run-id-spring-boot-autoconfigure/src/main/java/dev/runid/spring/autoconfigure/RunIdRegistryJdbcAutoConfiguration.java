package dev.runid.spring.autoconfigure;

import javax.sql.DataSource;

import dev.runid.spring.autoconfigure.RunIdProperties.Registry.Jdbc;
import dev.runid.spring.registry.RunStore;
import dev.runid.spring.registry.jdbc.JdbcRunStore;
import dev.runid.spring.registry.jdbc.JdbcRunStoreSchemaInitializer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Auto-configuration of the JDBC run store ({@code run-id.registry.store=jdbc}): a
 * {@link JdbcRunStore} on the application's {@link DataSource}, the tables created per
 * {@code run-id.registry.jdbc.initialize-schema}, and the store's meters when Micrometer
 * is there. Without a {@code DataSource} the application fails to start.
 */
@AutoConfiguration(after = RunIdAutoConfiguration.class,
		afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		beforeName = "dev.runid.spring.autoconfigure.RunIdRegistryAutoConfiguration")
@ConditionalOnClass({ JdbcClient.class, DataSourceScriptDatabaseInitializer.class })
@ConditionalOnBooleanProperty(name = "run-id.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "run-id.registry.enabled", matchIfMissing = true)
@ConditionalOnProperty(name = "run-id.registry.store", havingValue = "jdbc")
@ImportRuntimeHints(RunIdRegistryJdbcRuntimeHints.class)
public final class RunIdRegistryJdbcAutoConfiguration {

	/**
	 * The name of the meter that counts segment writes dropped because the queue was
	 * full.
	 */
	public static final String DROPPED_METER = "run_id.registry.dropped";

	/**
	 * The name of the meter of the segments waiting to be written.
	 */
	public static final String QUEUED_METER = "run_id.registry.queued";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(RunStore.class)
	static class JdbcRunStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JdbcRunStoreSchemaInitializer runIdJdbcRunStoreSchemaInitializer(ObjectProvider<DataSource> dataSource,
				RunIdProperties properties) {
			return new JdbcRunStoreSchemaInitializer(dataSource(dataSource),
					properties.getRegistry().getJdbc().getInitializeSchema());
		}

		@Bean
		@ConditionalOnMissingBean(RunStore.class)
		@DependsOnDatabaseInitialization
		JdbcRunStore runIdJdbcRunStore(ObjectProvider<DataSource> dataSource, RunIdProperties properties) {
			Jdbc jdbc = properties.getRegistry().getJdbc();
			return new JdbcRunStore(dataSource(dataSource), jdbc.getQueueCapacity(), jdbc.getFlushInterval(),
					jdbc.getRetention());
		}

		private static DataSource dataSource(ObjectProvider<DataSource> dataSource) {
			DataSource unique = dataSource.getIfUnique();
			if (unique == null) {
				throw new InvalidConfigurationPropertyValueException("run-id.registry.store", "jdbc",
						"The JDBC run store needs one DataSource bean (or a primary one): "
								+ "configure a database (spring.datasource.*), or use run-id.registry.store=memory.");
			}
			return unique;
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(MeterBinder.class)
		static class MetricsConfiguration {

			@Bean
			@ConditionalOnMissingBean(name = "runIdJdbcRunStoreMeters")
			MeterBinder runIdJdbcRunStoreMeters(JdbcRunStore store) {
				return (registry) -> {
					FunctionCounter.builder(DROPPED_METER, store, JdbcRunStore::droppedCount)
						.description("Run segments not recorded because the queue of the JDBC run store was full")
						.baseUnit("segments")
						.register(registry);
					Gauge.builder(QUEUED_METER, store, JdbcRunStore::queuedCount)
						.description("Run segments waiting to be written by the JDBC run store")
						.baseUnit("segments")
						.register(registry);
				};
			}

		}

	}

}

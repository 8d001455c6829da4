package dev.runid.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.runid.spring.scope.RunScope;
import dev.runid.spring.registry.MemoryRunStore;
import dev.runid.spring.registry.RunRecorder;
import dev.runid.spring.registry.RunStore;
import dev.runid.spring.registry.web.RunPrincipalHandlerInterceptor;
import dev.runid.spring.registry.web.RunPrincipalWebFilter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.web.server.WebFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Auto-configuration of the run registry: the {@link RunRecorder} that records one
 * segment per run and process, the in-memory {@link RunStore} when
 * {@code run-id.registry.store=memory} (the default; the store is also the application's
 * {@code RunRegistry}), and with {@code run-id.registry.include-principal} the request
 * principal's name as attribute {@code user}, and with Micrometer the meter of dropped
 * attributes. A JDBC store's auto-configuration runs before this one, so that the memory
 * store backs off.
 */
@AutoConfiguration(after = RunIdAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "run-id.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "run-id.registry.enabled", matchIfMissing = true)
public final class RunIdRegistryAutoConfiguration {

	/**
	 * The name of the meter that counts attributes dropped because their segment had
	 * {@value RunRecorder#MAX_ATTRIBUTES} already.
	 */
	public static final String ATTRIBUTES_DROPPED_METER = "run_id.registry.attributes.dropped";

	/**
	 * The service name of segments when {@code spring.application.name} is not set.
	 */
	static final String DEFAULT_SERVICE = "application";

	@Bean
	@ConditionalOnMissingBean
	RunRecorder runRecorder(RunStore store, RunScope scope, Environment environment, RunIdProperties properties) {
		String service = environment.getProperty("spring.application.name", DEFAULT_SERVICE);
		return new RunRecorder(store, scope, service.isBlank() ? DEFAULT_SERVICE : service,
				RunRecorder.defaultInstance(), unrecordedPaths(environment, properties));
	}

	/**
	 * Looking at runs makes no runs: the dashboard's requests (it polls) and those of
	 * actuator endpoints (health probes, the runs endpoint) are not recorded.
	 */
	private static List<String> unrecordedPaths(Environment environment, RunIdProperties properties) {
		List<String> paths = new ArrayList<>();
		if (properties.getDashboard().isEnabled()) {
			paths.add(properties.getDashboard().getPath());
		}
		if (ClassUtils.isPresent("org.springframework.boot.actuate.endpoint.annotation.Endpoint",
				RunIdRegistryAutoConfiguration.class.getClassLoader())) {
			paths.add(environment.getProperty("management.endpoints.web.base-path", "/actuator"));
		}
		return paths;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MetricsConfiguration {

		// a function counter reads the recorder's count when scraped: nothing is added
		// to the path of setting an attribute
		@Bean
		@ConditionalOnMissingBean(name = "runIdRegistryMeters")
		MeterBinder runIdRegistryMeters(RunRecorder recorder) {
			return (registry) -> FunctionCounter
				.builder(ATTRIBUTES_DROPPED_METER, recorder, RunRecorder::droppedAttributes)
				.description("Run attributes not recorded because their segment had " + RunRecorder.MAX_ATTRIBUTES
						+ " already")
				.baseUnit("attributes")
				.register(registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "run-id.registry.store", havingValue = "memory", matchIfMissing = true)
	static class MemoryStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(RunStore.class)
		MemoryRunStore runIdMemoryRunStore(RunIdProperties properties) {
			return new MemoryRunStore(properties.getRegistry().getMemory().getCapacity());
		}

	}

	/**
	 * {@code store=jdbc} without a JDBC store (no {@code DataSource}, or the JDBC support
	 * missing): fail at startup, naming the property.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "run-id.registry.store", havingValue = "jdbc")
	static class MissingJdbcStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(RunStore.class)
		RunStore runIdMissingJdbcRunStore() {
			throw new InvalidConfigurationPropertyValueException("run-id.registry.store", "jdbc",
					"The JDBC run store needs spring-boot-starter-jdbc and a DataSource bean; "
							+ "set run-id.registry.store=memory or define a RunStore bean instead.");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(WebMvcConfigurer.class)
	@ConditionalOnBooleanProperty("run-id.registry.include-principal")
	static class ServletPrincipalConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RunPrincipalHandlerInterceptor runPrincipalHandlerInterceptor(RunRecorder recorder) {
			return new RunPrincipalHandlerInterceptor(recorder);
		}

		// by name: any WebMvcConfigurer of the application must not switch this one off
		@Bean
		@ConditionalOnMissingBean(name = "runPrincipalWebMvcConfigurer")
		WebMvcConfigurer runPrincipalWebMvcConfigurer(RunPrincipalHandlerInterceptor interceptor) {
			return new WebMvcConfigurer() {

				@Override
				public void addInterceptors(InterceptorRegistry registry) {
					registry.addInterceptor(interceptor);
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(WebFilter.class)
	@ConditionalOnBooleanProperty("run-id.registry.include-principal")
	static class ReactivePrincipalConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RunPrincipalWebFilter runPrincipalWebFilter(RunRecorder recorder) {
			return new RunPrincipalWebFilter(recorder);
		}

	}

}

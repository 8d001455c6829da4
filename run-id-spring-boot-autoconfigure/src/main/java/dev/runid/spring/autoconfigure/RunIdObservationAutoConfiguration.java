package dev.runid.spring.autoconfigure;

import dev.runid.spring.observation.RunIdObservationFilter;
import dev.runid.spring.observation.RunIdObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that puts the run on Micrometer observations, so that server, client
 * and your own observations, and the spans that Micrometer Tracing makes of them, carry
 * the run: the {@link RunIdObservationHandler} remembers the run when an observation
 * starts, the {@link RunIdObservationFilter} adds it as high-cardinality key values when
 * it stops. Boot's observation auto-configuration adds both to the
 * {@code ObservationRegistry}.
 */
@AutoConfiguration(after = RunIdAutoConfiguration.class)
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "run-id.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "run-id.tracing.enabled", matchIfMissing = true)
public final class RunIdObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RunIdObservationFilter runIdObservationFilter(RunIdProperties properties) {
		return new RunIdObservationFilter(properties.getHeaderName(), properties.getParentHeaderName());
	}

	@Bean
	@ConditionalOnMissingBean
	RunIdObservationHandler runIdObservationHandler() {
		return new RunIdObservationHandler();
	}

}

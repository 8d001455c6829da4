package dev.runid.spring.autoconfigure;

import dev.runid.spring.scope.RunScope;
import dev.runid.spring.usage.RunUsageLedger;
import dev.runid.spring.usage.RunUsageListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link RunUsageLedger}, which adds up the token usage of each
 * run's LLM calls (as the agent integrations record it), tells the
 * {@link RunUsageListener} beans, and logs a run's usage when it ends.
 */
@AutoConfiguration(after = RunIdAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "run-id.enabled", matchIfMissing = true)
public final class RunIdUsageAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RunUsageLedger runUsageLedger(RunScope runScope, ObjectProvider<RunUsageListener> listeners,
			RunIdProperties properties) {
		return new RunUsageLedger(runScope, listeners.orderedStream().toList(),
				properties.getUsage().getLog().isEnabled());
	}

}

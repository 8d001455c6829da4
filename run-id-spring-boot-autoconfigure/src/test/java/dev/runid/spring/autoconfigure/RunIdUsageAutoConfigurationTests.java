package dev.runid.spring.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.scope.RunScope;
import dev.runid.spring.usage.RunUsage;
import dev.runid.spring.usage.RunUsageLedger;
import dev.runid.spring.usage.RunUsageListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RunIdUsageAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class RunIdUsageAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdUsageAutoConfiguration.class));

	@Test
	void suppliesALedgerThatTellsTheListenerBeansAndLogsWhenARunEnds(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(Listener.class).run((context) -> {
			RunUsageLedger ledger = context.getBean(RunUsageLedger.class);
			RunId runId = RunId.generate();
			try (RunContext run = RunContext.enter(runId)) {
				ledger.record(runId, new RunUsage(1, 5, 2));
			}
			assertThat(context.getBean(Listener.class).told).containsExactly(new RunUsage(1, 5, 2));
			assertThat(output).contains("run_usage llm_calls=1 input_tokens=5 output_tokens=2");
		});
	}

	@Test
	void logsNoLineWithTheLogSwitchedOff(CapturedOutput output) {
		this.contextRunner.withPropertyValues("run-id.usage.log.enabled=false").run((context) -> {
			RunUsageLedger ledger = context.getBean(RunUsageLedger.class);
			RunId runId = RunId.generate();
			try (RunContext run = RunContext.enter(runId)) {
				ledger.record(runId, new RunUsage(1, 5, 2));
				assertThat(ledger.current()).isEqualTo(new RunUsage(1, 5, 2));
			}
			assertThat(output).doesNotContain("run_usage");
		});
	}

	@Test
	void backsOffForAUserLedger() {
		this.contextRunner.withUserConfiguration(UserLedger.class)
			.run((context) -> assertThat(context).getBean(RunUsageLedger.class)
				.isSameAs(context.getBean("userLedger")));
	}

	@Test
	void isSwitchedOffWithRunId() {
		this.contextRunner.withPropertyValues("run-id.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RunUsageLedger.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class Listener implements RunUsageListener {

		final List<RunUsage> told = new CopyOnWriteArrayList<>();

		@Override
		public void usageRecorded(RunId runId, RunUsage usage) {
			this.told.add(usage);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserLedger {

		@Bean
		RunUsageLedger userLedger(RunScope runScope) {
			return new RunUsageLedger(runScope, List.of(), false);
		}

	}

}

package dev.runid.spring.autoconfigure;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bad setting fails at startup with a message that names the property.
 */
class RunIdPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class));

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "run-id.header-name=|run-id.header-name",
			"run-id.header-name=X Run Id|run-id.header-name", "run-id.header-name=X-Run-Id:|run-id.header-name",
			"run-id.parent-header-name=a(b)|run-id.parent-header-name", "run-id.generator=uuid9|run-id.generator",
			"run-id.inbound.mode=trust|run-id.inbound.mode", "run-id.inbound.on-invalid=drop|run-id.inbound.on-invalid",
			"run-id.outbound.allowed-hosts=*foo.com|run-id.outbound.allowed-hosts",
			"run-id.outbound.allowed-hosts=http://x.com|run-id.outbound.allowed-hosts",
			"run-id.outbound.allowed-hosts=a.*.com|run-id.outbound.allowed-hosts", "run-id.mdc-key= |run-id.mdc-key" })
	void badSettingFailsAtStartupNamingTheProperty(String setting, String property) {
		this.contextRunner.withPropertyValues(setting).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains(property);
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "run-id.header-name=X-Correlation-Run", "run-id.generator=UUID4",
					"run-id.outbound.allowed-hosts=api.example.com,*.internal.example.com,127.0.0.1,[::1]",
					"run-id.inbound.mode=ignore", "run-id.inbound.on-invalid=reject" })
	void goodSettingStarts(String setting) {
		this.contextRunner.withPropertyValues(setting).run((context) -> assertThat(context).hasNotFailed());
	}

	private static String messages(Throwable failure) {
		StringBuilder all = new StringBuilder();
		for (Throwable ex = failure; ex != null; ex = ex.getCause()) {
			all.append(ex.getMessage()).append('\n');
		}
		return all.toString();
	}

}

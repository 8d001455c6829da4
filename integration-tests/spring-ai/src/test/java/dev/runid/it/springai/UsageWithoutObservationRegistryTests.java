package dev.runid.it.springai;

import java.io.IOException;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.it.springai.AgentTestApplication.RecordingUsageListener;
import dev.runid.spring.usage.RunUsage;
import dev.runid.spring.usage.RunUsageLedger;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application without Boot's observation auto-configuration (no actuator, no
 * {@code spring-boot-micrometer-observation}), as a user with just the starter and a
 * Spring AI model starter has it: Spring AI observes nothing, so no token usage is added
 * up per run and no {@code run_usage} line is logged, and run-id says so once at startup;
 * the LLM requests still carry the run.
 */
@SpringBootTest(classes = AgentTestApplication.class, properties = {
		"logging.pattern.console=[%X{runId:-}] [%X{parentRunId:-}] %m%n", "spring.main.web-application-type=none",
		"spring.ai.model.chat=openai", "spring.ai.openai.api-key=test-key", "spring.ai.openai.chat.model=stub-gpt",
		// the observation auto-configurations that the actuator of the other tests brings
		"spring.autoconfigure.exclude=org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration,"
				+ "org.springframework.boot.micrometer.observation.autoconfigure.ScheduledTasksObservationAutoConfiguration,"
				+ "org.springframework.boot.restclient.autoconfigure.RestClientObservationAutoConfiguration,"
				+ "org.springframework.boot.restclient.autoconfigure.RestTemplateObservationAutoConfiguration,"
				+ "org.springframework.boot.webclient.autoconfigure.WebClientObservationAutoConfiguration,"
				+ "org.springframework.boot.webflux.autoconfigure.WebFluxObservationAutoConfiguration" })
@ExtendWith(OutputCaptureExtension.class)
class UsageWithoutObservationRegistryTests {

	static final StubLlmServer stub = start();

	@Autowired
	ApplicationContext context;

	@Autowired
	ChatClient.Builder builder;

	@Autowired
	RunUsageLedger ledger;

	@Autowired
	RecordingUsageListener usageListener;

	private static StubLlmServer start() {
		try {
			return new StubLlmServer();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.openai.base-url", stub::url);
	}

	@AfterAll
	static void stopStub() {
		stub.close();
	}

	@Test
	void noUsageIsAddedUpButTheRequestsCarryTheRun(CapturedOutput output) {
		assertThat(this.context.getBeanProvider(ObservationRegistry.class).getIfAvailable()).isNull();
		RunId runId = RunId.generate();
		try (RunContext scope = RunContext.enter(runId)) {
			assertThat(this.builder.build().prompt().user("Hello <<" + runId.value() + ">>").call().content())
				.isEqualTo("It is sunny.");
			assertThat(this.ledger.current()).isEqualTo(RunUsage.NONE);
		}
		assertThat(stub.requests()).singleElement()
			.satisfies((request) -> assertThat(request.runId()).isEqualTo(runId.value()));
		assertThat(this.usageListener.recorded()).isEmpty();
		assertThat(output).doesNotContain("run_usage")
			.contains("Spring AI token usage is not added up per run: there is no ObservationRegistry bean");
	}

}

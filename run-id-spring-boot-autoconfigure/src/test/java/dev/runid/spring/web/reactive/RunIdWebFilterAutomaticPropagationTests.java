package dev.runid.spring.web.reactive;

import dev.runid.spring.reactor.RunIdReactorContextPropagation;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-to-end tests of {@link RunIdWebFilterTests} with
 * {@code run-id.reactor.automatic-context-propagation=true}: the starter turns on
 * Reactor's automatic context propagation, which also carries the run where signals come
 * from threads that run-id does not see.
 */
@SpringBootTest(classes = WebFluxTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "run-id.reactor.automatic-context-propagation=true",
				"logging.pattern.console=%level [%X{runId}] [%X{parentRunId}] %logger{0} - %msg%n" })
@DirtiesContext
class RunIdWebFilterAutomaticPropagationTests extends RunIdWebFilterTests {

	@Autowired
	ApplicationContext context;

	@Override
	boolean automaticPropagation() {
		return true;
	}

	@Test
	void theStarterTurnedOnAutomaticContextPropagation() {
		assertThat(this.context.getBeanNamesForType(RunIdReactorContextPropagation.class)).hasSize(1);
	}

}

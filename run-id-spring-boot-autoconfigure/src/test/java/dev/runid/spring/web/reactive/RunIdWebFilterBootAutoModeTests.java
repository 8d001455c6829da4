package dev.runid.spring.web.reactive;

import dev.runid.spring.reactor.RunIdReactorContextPropagation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-to-end tests of {@link RunIdWebFilterTests} with Boot's
 * {@code spring.reactor.context-propagation=auto} in charge of Reactor's context
 * propagation instead of the starter.
 */
@SpringBootTest(classes = WebFluxTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "spring.reactor.context-propagation=auto",
				"logging.pattern.console=%level [%X{runId}] [%X{parentRunId}] %logger{0} - %msg%n" })
@DirtiesContext
class RunIdWebFilterBootAutoModeTests extends RunIdWebFilterTests {

	@Autowired
	ApplicationContext context;

	@AfterAll
	static void turnOffWhatBootTurnedOn() {
		// Boot never turns it off; later test classes in this JVM expect Reactor's
		// default
		Hooks.disableAutomaticContextPropagation();
	}

	@Override
	boolean automaticPropagation() {
		return true;
	}

	@Test
	void bootRatherThanTheStarterTurnedOnAutomaticContextPropagation() {
		assertThat(this.context.getBeanNamesForType(RunIdReactorContextPropagation.class)).isEmpty();
		assertThat(Hooks.isAutomaticContextPropagationEnabled()).isTrue();
	}

}

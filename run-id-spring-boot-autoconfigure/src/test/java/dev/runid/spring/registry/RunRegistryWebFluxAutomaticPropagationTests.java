package dev.runid.spring.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Hooks;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebFlux registry tests with Reactor's automatic context propagation on
 * ({@code run-id.reactor.automatic-context-propagation=true}), where the run-id filter
 * holds the run with {@code Mono.using} instead of its own operator.
 */
@SpringBootTest(classes = RegistryWebFluxApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "spring.application.name=registry-webflux",
				"management.endpoints.web.exposure.include=runs", "run-id.reactor.automatic-context-propagation=true" })
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class RunRegistryWebFluxAutomaticPropagationTests extends RunRegistryWebFluxTests {

	@Test
	void automaticContextPropagationIsOn() {
		assertThat(Hooks.isAutomaticContextPropagationEnabled()).isTrue();
	}

}
